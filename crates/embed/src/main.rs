//! The bundle that publisher pages load through `embed.js`: `window.claimmark` and the auto-mounting
//! of `[data-claimmark]` and `<claim-mark>`, without the standalone app. `tools/build-embed.sh`
//! builds it after each Trunk build.

fn main() {
    claimmark_widget::start();
}
