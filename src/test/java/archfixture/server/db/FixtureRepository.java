package archfixture.server.db;

/** Architecture-test fixture: stands for a database repository. */
public final class FixtureRepository {
    public String find() {
        return "row";
    }
}
