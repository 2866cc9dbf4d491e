fn main() {
    claimmark_widget::start();
}
