package archfixture.server;

import archfixture.ui.FixtureView;

/** Architecture-test fixture: server code that reaches into the UI, which the rules forbid. */
public final class LeakyServerFacade {
    public Object view() {
        return new FixtureView();
    }
}
