package org.streamboot.ui.detail;

/** One boot event in a client's timeline: "14:02:07", "Streaming", what happened, and whether it was a failure. */
public record TimelineRow(String time, String stage, String detail, boolean problem) {
}
