//! Documents the oracle once found failing, kept so that the failure stays fixed: each is compiled in the
//! same batch as the generated documents.

use crate::Case;

/// (name, document, configured derives)
const REGRESSIONS: &[(&str, &str, &[&str])] = &[
    ("ord_alone", include_str!("../regressions/ord_alone.yaml"), &["Hash", "Ord"]),
    ("deep_nullable_types", include_str!("../regressions/deep_nullable_types.yaml"), &[]),
    ("multiline_response_docs", include_str!("../regressions/multiline_response_docs.yaml"), &[]),
    ("digit_names", include_str!("../regressions/digit_names.yaml"), &[]),
];

/// Every regression case.
pub fn cases() -> Vec<Case> {
    REGRESSIONS
        .iter()
        .map(|(name, text, derives)| Case {
            name: (*name).to_owned(),
            file_name: format!("{name}.yaml"),
            text: (*text).to_owned(),
            derives: derives.iter().map(|d| (*d).to_owned()).collect(),
            attributes: Vec::new(),
        })
        .collect()
}
