package archfixture.ui;

/** Architecture-test fixture: a UI class that server code must never reach. */
public final class FixtureView {
}
