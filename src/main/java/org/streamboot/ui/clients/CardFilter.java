package org.streamboot.ui.clients;

import java.util.Locale;
import org.streamboot.server.model.BootStage;

/**
 * Which cards to show: a group (null: all), a stage (null: all) and a search text matched
 * against name and MAC. The MAC matches with or without separators, as admins type it off a
 * sticker ("5254001a0001") or copy it from a log ("52:54:00:1a:00:01").
 */
public record CardFilter(String group, BootStage stage, String text) {

    public static final CardFilter ALL = new CardFilter(null, null, "");

    public CardFilter {
        text = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
    }

    public boolean matches(ClientCard card) {
        if (group != null && !group.equals(card.group())) {
            return false;
        }
        if (stage != null && stage != card.stage()) {
            return false;
        }
        if (text.isEmpty()) {
            return true;
        }
        String bare = text.replace(":", "").replace("-", "");
        return card.name().toLowerCase(Locale.ROOT).contains(text) || card.mac().contains(text)
                || (!bare.isEmpty() && card.mac().replace(":", "").contains(bare));
    }
}
