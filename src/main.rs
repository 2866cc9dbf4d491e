fn main() {
    claimmark_widget::mount_app();
}
