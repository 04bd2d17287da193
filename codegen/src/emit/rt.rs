//! Every runtime item the generated code names, in one place.
//!
//! A generated service crate depends on the runtime crate
//! (`tencentcloud-sdk-core`) alone; the emitters never spell a runtime path
//! themselves but call the function of this module named after the item, so
//! moving or renaming an item of the runtime is one change here. Each
//! function returns the item's absolute path (`::tencentcloud_sdk_core::...`).

use proc_macro2::{Ident, TokenStream};
use quote::quote;

/// The runtime crate's library name, as generated code names it.
pub const CRATE: &str = "tencentcloud_sdk_core";

/// The runtime crate's package name, as a service crate's manifest names it.
pub const PACKAGE: &str = "tencentcloud-sdk-core";

macro_rules! items {
    ($( $(#[$doc:meta])* $name:ident => $($seg:ident)::+; )*) => {
        $(
            $(#[$doc])*
            pub(crate) fn $name() -> TokenStream {
                quote!(::tencentcloud_sdk_core::$($seg)::+)
            }
        )*
        /// Every item of this module as `name => path`, for tests that
        /// check each one resolves in the runtime.
        pub const ALL: &[(&str, &str)] = &[
            $( (stringify!($name), concat!("tencentcloud_sdk_core" $(, "::", stringify!($seg))+)), )*
        ];
    };
}

items! {
    // Actions and error codes.
    /// The trait every action marker implements.
    action => action::Action;
    /// A service version's hosts.
    endpoints => action::Endpoints;
    purchase => action::Purchase;
    /// The trait every error-code enum implements.
    error_code => action::ErrorCode;
    /// The broad class of an error code.
    error_category => ErrorCategory;
    /// The codes every service may return.
    common_error_code => CommonErrorCode;

    // Validation.
    /// Implemented by requests and structures.
    validate => Validate;
    /// Every violation of one request.
    validation_errors => ValidationErrors;
    /// A wire path under construction.
    path => validation::Path;
    /// Collects violations.
    collector => validation::Collector;
    /// The characters a string may hold.
    charset => validation::Charset;
    /// One variant of password rules.
    password_rule => validation::PasswordRule;
    /// Character-class bit constants (`LETTERS`, `DIGITS`, ...).
    char_class => validation::class;
    /// Debug stand-in for a secret.
    redacted => Redacted;

    // Serde, through the runtime (a service crate depends on it alone).
    /// `serde::Serialize`.
    serialize => serde::Serialize;
    /// `serde::Serializer`.
    serializer => serde::Serializer;
    /// `serde::Deserialize`.
    deserialize => serde::Deserialize;
    /// `serde::Deserializer`.
    deserializer => serde::Deserializer;
    /// `serde::de::MapAccess`.
    map_access => serde::de::MapAccess;

    // The wire helpers of generated serde impls.
    /// A generated struct read from a JSON object.
    wire_struct => wire::Struct;
    /// `Deserialize::deserialize` of a generated struct.
    wire_deserialize => wire::deserialize;
    /// An object key, known or not.
    wire_key => wire::Key;
    /// Reads one member into its slot.
    wire_slot => wire::slot;
    /// Reads one secret member.
    wire_secret => wire::secret;
    /// Reads a list of secrets.
    wire_secret_list => wire::secret_list;
    /// Reads one number or boolean member (also sent as a string).
    wire_scalar => wire::scalar;
    /// Reads a list of numbers or booleans.
    wire_scalar_list => wire::scalar_list;
    /// Reads one string member (also sent as a number or boolean).
    wire_string => wire::string;
    /// Reads a list of strings.
    wire_string_list => wire::string_list;
    /// Reads a string enum's wire value.
    wire_string_value => wire::string_value;
    /// Reads an integer enum's wire value.
    wire_enum_value => wire::enum_value;
    /// A required member, or its default (a correction).
    wire_required => wire::required;
    /// An unknown or duplicate key.
    wire_unknown => wire::unknown;
    /// Serializes a generated struct's fields.
    wire_writer => wire::Writer;

    // Pagination and the registry.
    /// A list action that pages.
    paginated => pagination::Paginated;
    /// How a list action pages.
    page_style => pagination::PageStyle;
    /// Where a page starts.
    position => pagination::Position;
    /// An action as a type-erased entry.
    action_entry => registry::ActionEntry;

    // The client (feature `client`).
    /// The async client.
    client => client::Client;
    /// A call's error.
    call_error => client::Error;
    /// Per-call options.
    call_options => client::CallOptions;
    /// Walks the pages of a list action.
    paginator => client::Paginator;
    /// A waiter's timing.
    wait_config => client::WaitConfig;
    /// How a wait ended.
    wait_outcome => client::WaitOutcome;
    /// The states a waiter matches.
    waiter_matcher => client::waiter::Matcher;
    /// A state value as a waiter sees it.
    waiter_observe => client::waiter::observe;
    /// Polls until a state matches.
    waiter_poll_until => client::waiter::poll_until;
}

/// One character-class constant of the runtime (`LETTERS`).
pub(crate) fn class(name: &Ident) -> TokenStream {
    let module = char_class();
    quote!(#module::#name)
}
