package org.streamboot.server.db;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;

/**
 * The SQLite database of one data directory: one connection, used by one thread.
 *
 * <p>Every piece of work runs on a single "db" thread, so there is exactly one writer in this
 * process and callers on a Netty event loop or the FX thread never block on disk: they call
 * {@link #submit} and continue when the future completes. The admin CLI, a separate process,
 * may write to the same file while a server runs: WAL mode lets readers proceed beside a
 * writer, and the busy timeout makes two writers wait for each other instead of failing.
 */
public final class Database implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Database.class);
    public static final String FILE_NAME = "streamboot.db";
    private static final int BUSY_TIMEOUT_MS = 10_000;

    private final Path file;
    private final Connection connection;
    private final ExecutorService worker;
    private volatile boolean closed;

    private Database(Path file, Connection connection) {
        this.file = file;
        this.connection = connection;
        this.worker = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("streamboot-db").daemon(true).factory());
    }

    /** Opens (creating if needed) the database in {@code dataDir} and migrates it. */
    public static Database open(Path dataDir) throws DatabaseException {
        try {
            Files.createDirectories(dataDir);
        } catch (Exception e) {
            throw new DatabaseException("cannot create the data directory " + dataDir + ": " + e.getMessage(), e);
        }
        Path file = dataDir.resolve(FILE_NAME);
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.enforceForeignKeys(true);
        config.setBusyTimeout(BUSY_TIMEOUT_MS);
        try {
            Connection c = DriverManager.getConnection("jdbc:sqlite:" + file, config.toProperties());
            try {
                Migrator.migrate(c);
            } catch (SQLException e) {
                c.close();
                throw e;
            }
            log.debug("Database open: {}", file);
            return new Database(file, c);
        } catch (SQLException e) {
            throw new DatabaseException("cannot open the database " + file + ": " + e.getMessage(), e);
        }
    }

    public Path file() {
        return file;
    }

    public int schemaVersion() {
        return call(Migrator::userVersion);
    }

    /** Runs read or write work on the database thread; never blocks the caller. */
    public <T> CompletableFuture<T> submit(SqlWork<T> work) {
        if (closed) {
            return CompletableFuture.failedFuture(new DatabaseException("the database is closed", null));
        }
        return CompletableFuture.supplyAsync(() -> {
            try {
                return work.run(connection);
            } catch (SQLException e) {
                throw new DatabaseException(e.getMessage(), e);
            }
        }, worker);
    }

    /** Runs work in one transaction on the database thread: all of it commits or none. */
    public <T> CompletableFuture<T> submitTransaction(SqlWork<T> work) {
        return submit(c -> {
            c.setAutoCommit(false);
            try {
                // BEGIN IMMEDIATE would be nicer; the driver starts a deferred transaction, and
                // the busy timeout covers the upgrade to a write lock.
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        });
    }

    /** Blocking form of {@link #submit} for the CLI and tests; not for event loops or the FX thread. */
    public <T> T call(SqlWork<T> work) {
        return join(submit(work));
    }

    /** Blocking form of {@link #submitTransaction}. */
    public <T> T transaction(SqlWork<T> work) {
        return join(submitTransaction(work));
    }

    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DatabaseException("interrupted while waiting for the database", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new DatabaseException(e.getCause().getMessage(), e.getCause());
        }
    }

    public boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        worker.shutdown();
        try {
            if (!worker.awaitTermination(10, TimeUnit.SECONDS)) {
                log.warn("Database work still running after 10 s; closing anyway");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            connection.close();
            log.debug("Database closed: {}", file);
        } catch (SQLException e) {
            log.warn("Closing the database failed: {}", e.getMessage());
        }
    }

    /** A piece of JDBC work. */
    @FunctionalInterface
    public interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }
}
