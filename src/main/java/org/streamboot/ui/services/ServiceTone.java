package org.streamboot.ui.services;

/** How a service badge looks; each tone is one CSS class in app.css. */
public enum ServiceTone {
    RUNNING("service-running"),
    WARNING("service-warning"),
    PENDING("service-pending"),
    FAILED("service-failed"),
    OFF("service-off");

    private final String styleClass;

    ServiceTone(String styleClass) {
        this.styleClass = styleClass;
    }

    public String styleClass() {
        return styleClass;
    }
}
