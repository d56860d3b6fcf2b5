package org.streamboot.server.admin;

/** The receiver of an assignment, by the name the admin typed. */
public sealed interface Who {

    String name();

    record Client(String name) implements Who {
    }

    record Group(String name) implements Who {
    }
}
