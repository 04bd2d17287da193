//! Local validation results, shared by every generated validator.
//! (Placeholder: the full module is being written with the generator.)

/// Implemented by every generated request: checks everything the spec states.
pub trait Validate {
    /// Checks the value; lists every violation.
    fn validate(&self) -> Result<(), ValidationErrors>;
}

/// Every violated constraint of one request.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ValidationErrors {
    /// The violations, in field order.
    pub violations: Vec<String>,
}

impl std::fmt::Display for ValidationErrors {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for (i, v) in self.violations.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{v}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ValidationErrors {}
