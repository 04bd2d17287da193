//! What a request member ([`Field`]) and a response member ([`Output`])
//! share: twelve keys with the same meaning in both. The two stay separate
//! types (their files keep their key order and reject unknown keys), and
//! [`Member`] gives code that treats both alike (the importer's merge and
//! secret marks, the diff) one way to reach those keys, so it is written once.

use super::model::{Field, Output, StringFormat};

/// The keys [`Field`] and [`Output`] share, borrowed for writing.
#[derive(Debug)]
pub struct SharedKeysMut<'a> {
    /// Wire name.
    pub name: &'a mut String,
    /// Rust field name when the derived one cannot be used.
    pub rust_name: &'a mut Option<String>,
    /// `String`, `Integer`, `UInt64`, `Float`, `Boolean`, or a structure name.
    pub ty: &'a mut String,
    /// The format of a `String` value.
    pub format: &'a mut Option<StringFormat>,
    /// An array of `ty`.
    pub array: &'a mut bool,
    /// The description (Markdown).
    pub description: &'a mut String,
    /// The description's example value.
    pub example: &'a mut Option<String>,
    /// Disabled: the generated type has no field for it.
    pub disabled: &'a mut bool,
    /// Curated: deprecated.
    pub deprecated: &'a mut bool,
    /// A secret.
    pub sensitive: &'a mut bool,
    /// Import-owned keys whose curated value a re-import keeps.
    pub curated: &'a mut Vec<String>,
    /// Curated reading.
    pub notes: &'a mut Option<String>,
}

/// A request member or a response member, through the keys both have.
pub trait Member: Clone {
    /// What one is called in messages (`member`, `output`).
    const KIND: &'static str;
    /// Wire name.
    fn name(&self) -> &str;
    /// The Rust name the spec records, where the derived one cannot be used.
    fn rust_name(&self) -> Option<&str>;
    /// Type name (element type of an array).
    fn ty(&self) -> &str;
    /// An array of [`Member::ty`].
    fn array(&self) -> bool;
    /// Marked sensitive.
    fn sensitive(&self) -> bool;
    /// Import-owned keys whose curated value a re-import keeps.
    fn curated(&self) -> &[String];
    /// Disabled: the generated type has no field for it.
    fn disabled(&self) -> bool;
    /// Deprecated.
    fn deprecated(&self) -> bool;
    /// The curator's reading.
    fn notes(&self) -> Option<&str>;
    /// Restricted to enumerated values (a request member with `enum`).
    fn enumerated(&self) -> bool;
    /// The shared keys, to write.
    fn shared_mut(&mut self) -> SharedKeysMut<'_>;
}

macro_rules! shared_keys {
    ($ty:ty, $kind:literal, $enumerated:expr) => {
        impl Member for $ty {
            const KIND: &'static str = $kind;
            fn name(&self) -> &str {
                &self.name
            }
            fn rust_name(&self) -> Option<&str> {
                self.rust_name.as_deref()
            }
            fn ty(&self) -> &str {
                &self.ty
            }
            fn array(&self) -> bool {
                self.array
            }
            fn sensitive(&self) -> bool {
                self.sensitive
            }
            fn curated(&self) -> &[String] {
                &self.curated
            }
            fn disabled(&self) -> bool {
                self.disabled
            }
            fn deprecated(&self) -> bool {
                self.deprecated
            }
            fn notes(&self) -> Option<&str> {
                self.notes.as_deref()
            }
            fn enumerated(&self) -> bool {
                let enumerated: fn(&Self) -> bool = $enumerated;
                enumerated(self)
            }
            fn shared_mut(&mut self) -> SharedKeysMut<'_> {
                SharedKeysMut {
                    name: &mut self.name,
                    rust_name: &mut self.rust_name,
                    ty: &mut self.ty,
                    format: &mut self.format,
                    array: &mut self.array,
                    description: &mut self.description,
                    example: &mut self.example,
                    disabled: &mut self.disabled,
                    deprecated: &mut self.deprecated,
                    sensitive: &mut self.sensitive,
                    curated: &mut self.curated,
                    notes: &mut self.notes,
                }
            }
        }
    };
}

shared_keys!(Field, "member", |f| !f.constraints.enum_values.is_empty());
shared_keys!(Output, "output", |_| false);
