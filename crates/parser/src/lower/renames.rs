//! Configured renames, applied while names are decided: a renamed operation's builder and every type named
//! after it (`…Body`, `…Response`, `…Success`, `…Headers`) follow its new name, and collisions are settled by
//! the same namespaces as every other name.

use super::Lowerer;
use crate::diagnostic::{Code, Diagnostic, Location};
use crate::naming::{
    Case, Ident, RESERVED_CLIENT_METHODS, RESERVED_TYPE_NAMES, Rename, Renames, builder_name, user_ident,
};

/// A validated rename whose names are taken; `used` once it matched something.
pub(super) struct Chosen {
    from: String,
    name: Ident,
    /// For operations: the request builder's name.
    builder: Option<Ident>,
    location: Location,
    used: bool,
}

/// The configured renames of operations and types, validated and with their names taken.
#[derive(Default)]
pub(super) struct ChosenNames {
    operations: Vec<Chosen>,
    types: Vec<Chosen>,
}

impl Lowerer<'_> {
    /// Validates each rename and takes its names ahead of every generated one; a rename that is not a valid
    /// identifier, or whose name another rename took, is an error and is not applied.
    pub(super) fn choose_names(&mut self, renames: &Renames) {
        for rename in &renames.operations {
            let chosen = user_ident(&rename.to, Case::Snake, RESERVED_CLIENT_METHODS).and_then(|name| {
                let builder = user_ident(&builder_name(&rename.to), Case::UpperCamel, RESERVED_TYPE_NAMES)?;
                if !self.operation_names.choose(&name) || !self.builder_names.choose(&builder) {
                    return Err(format!("`{}` is already the name of another client method", rename.to));
                }
                Ok((name, builder))
            });
            match chosen {
                Ok((name, builder)) => self.chosen.operations.push(Chosen::new(rename, name, Some(builder))),
                Err(message) => self.config_error(rename, message),
            }
        }
        for rename in &renames.types {
            let chosen = user_ident(&rename.to, Case::UpperCamel, RESERVED_TYPE_NAMES).and_then(|name| {
                if self.type_names.choose(&name) {
                    Ok(name)
                } else {
                    Err(format!("`{}` is already the name of another type", rename.to))
                }
            });
            match chosen {
                Ok(name) => self.chosen.types.push(Chosen::new(rename, name, None)),
                Err(message) => self.config_error(rename, message),
            }
        }
    }

    /// The method and builder names of an operation: the configured ones when a rename names its
    /// `operationId` or its generated name, else generated from `base`.
    pub(super) fn claim_operation_names(&mut self, operation_id: Option<&str>, base: &str) -> (Ident, Ident) {
        let generated = self.operation_names.peek(base);
        let matches = |c: &Chosen| operation_id == Some(c.from.as_str()) || generated.as_str() == c.from;
        if let Some(chosen) = self.chosen.operations.iter_mut().find(|c| !c.used && matches(c)) {
            chosen.used = true;
            if let Some(builder) = chosen.builder.clone() {
                return (chosen.name.clone(), builder);
            }
        }
        let name = self.operation_names.claim(base);
        let builder = self.builder_names.claim(name.as_str());
        (name, builder)
    }

    /// The name of a named type: the configured one when a rename names its definition or its generated
    /// name, else generated from `raw`.
    pub(super) fn claim_type_name(&mut self, raw: &str, definition: Option<&str>) -> Ident {
        let generated = self.type_names.peek(raw);
        let matches = |c: &Chosen| definition == Some(c.from.as_str()) || generated.as_str() == c.from;
        if let Some(chosen) = self.chosen.types.iter_mut().find(|c| !c.used && matches(c)) {
            chosen.used = true;
            return chosen.name.clone();
        }
        self.type_names.claim(raw)
    }

    /// After lowering: renames that matched nothing are errors; generated names that had to make way for a
    /// configured one are warnings, so no name changes silently.
    pub(super) fn report_renames(&mut self) {
        let unused: Vec<(Location, String)> = (self.chosen.operations.iter().map(|c| (c, "operation", "operationId")))
            .chain(self.chosen.types.iter().map(|c| (c, "type", "definition")))
            .filter(|(c, _, _)| !c.used)
            .map(|(c, what, key)| (c.location.clone(), format!("no {what} has the {key} or name `{}`", c.from)))
            .collect();
        for (location, message) in unused {
            self.diagnostics.push(Diagnostic::error(Code::InvalidShape, location, message));
        }
        let displaced: Vec<(Location, String)> = [
            (&self.operation_names, &self.chosen.operations, "method"),
            (&self.type_names, &self.chosen.types, "type"),
        ]
        .into_iter()
        .flat_map(|(names, chosen, what)| {
            names.displaced().iter().filter_map(move |(wanted, got)| {
                let by = chosen.iter().find(|c| c.name.as_str() == wanted)?;
                let message = format!(
                    "`{wanted}` is the configured name of `{}`, so the {what} that would have been `{wanted}` is \
                     `{got}`",
                    by.from
                );
                Some((by.location.clone(), message))
            })
        })
        .collect();
        for (location, message) in displaced {
            self.diagnostics.push(Diagnostic::warning(Code::InvalidShape, location, message));
        }
    }

    fn config_error(&mut self, rename: &Rename, message: String) {
        self.diagnostics.push(Diagnostic::error(Code::InvalidShape, rename.location.clone(), message));
    }
}

impl Chosen {
    fn new(rename: &Rename, name: Ident, builder: Option<Ident>) -> Self {
        Self { from: rename.from.clone(), name, builder, location: rename.location.clone(), used: false }
    }
}
