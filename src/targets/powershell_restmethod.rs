//! PowerShell with Invoke-RestMethod.

use super::run::Runner;
use super::{Syntax, Target, no_known_gap};

pub const TARGET: Target = Target {
    id: "powershell-restmethod",
    language: "PowerShell",
    client: "PowerShell with Invoke-RestMethod",
    label: "PowerShell - Invoke-RestMethod",
    fence: "powershell",
    extension: "ps1",
    house_tab: false,
    template: include_str!("../../templates/powershell-restmethod.tera"),
    syntax: Syntax::TreeSitter(tree_sitter_powershell::LANGUAGE),
    runner: Runner::None {
        reason: super::run::NO_POWERSHELL,
    },
    known_gap: no_known_gap,
};
