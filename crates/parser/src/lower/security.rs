//! `securityDefinitions` and the effective `security` of each operation.

use super::Lowerer;
use crate::diagnostic::Code;
use crate::ir::{SecurityKind, SecurityScheme, SecurityUse};
use crate::model::{self, ApiKeyLocation, SecurityRequirement, Swagger};
use crate::source::{FileId, Node};

impl Lowerer<'_> {
    pub(super) fn security_schemes(&mut self, swagger: &Swagger) -> Vec<SecurityScheme> {
        swagger
            .security_definitions
            .iter()
            .map(|(key, scheme)| {
                let (kind, description) = match scheme {
                    model::SecurityScheme::Basic { description, .. } => (SecurityKind::Basic, description),
                    model::SecurityScheme::ApiKey { name, location: ApiKeyLocation::Header, description, .. } => {
                        (SecurityKind::ApiKeyHeader { header: name.clone() }, description)
                    }
                    model::SecurityScheme::ApiKey { name, location: ApiKeyLocation::Query, description, .. } => {
                        (SecurityKind::ApiKeyQuery { param: name.clone() }, description)
                    }
                    model::SecurityScheme::OAuth2 {
                        flow, authorization_url, token_url, scopes, description, ..
                    } => (
                        SecurityKind::OAuth2 {
                            flow: serde_json::to_value(flow)
                                .ok()
                                .and_then(|v| v.as_str().map(str::to_owned))
                                .unwrap_or_default(),
                            authorization_url: authorization_url.clone(),
                            token_url: token_url.clone(),
                            scopes: scopes.iter().map(|(k, v)| (k.clone(), v.clone())).collect(),
                        },
                        description,
                    ),
                };
                let name = self.operation_names.claim(&format!("with {key}"));
                let client_credentials = matches!(
                    &kind,
                    SecurityKind::OAuth2 { flow, token_url: Some(url), .. } if flow == "application" && !url.is_empty()
                );
                let client_credentials_name =
                    client_credentials.then(|| self.operation_names.claim(&format!("with {key} client credentials")));
                SecurityScheme {
                    key: key.clone(),
                    name,
                    client_credentials_name,
                    kind,
                    description: description.clone(),
                }
            })
            .collect()
    }

    /// The operation's own `security` (an empty list turns security off) or else the document's.
    /// Alternatives naming an undefined scheme are reported and dropped.
    pub(super) fn effective_security(
        &mut self,
        own: Option<&Vec<SecurityRequirement>>,
        global: &[SecurityRequirement],
        schemes: &[SecurityScheme],
        op_at: &Node,
    ) -> Vec<Vec<SecurityUse>> {
        let (requirements, at) = match own {
            Some(own) => (own.as_slice(), op_at.push("security")),
            None => (global, Node::root(FileId::ROOT).push("security")),
        };
        let mut alternatives = Vec::new();
        for (i, requirement) in requirements.iter().enumerate() {
            let unknown: Vec<&String> = requirement.keys().filter(|k| !schemes.iter().any(|s| &s.key == *k)).collect();
            if !unknown.is_empty() {
                let message =
                    format!("security requirement names undefined scheme(s) {unknown:?}; alternative ignored");
                self.warning(Code::DanglingRef, &at.index(i), message);
                continue;
            }
            alternatives.push(
                requirement
                    .iter()
                    .map(|(scheme, scopes)| SecurityUse { scheme: scheme.clone(), scopes: scopes.clone() })
                    .collect(),
            );
        }
        alternatives
    }
}
