package org.streamboot.ui.settings;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.event.ActionEvent;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.streamboot.server.config.DhcpMode;
import org.streamboot.server.config.ServerConfig;
import org.streamboot.server.config.Setting;
import org.streamboot.ui.actions.ConsoleActions;

/**
 * The settings window: the admin's settings (checked by each setting's own rule, saved off the
 * FX thread) above a read-only account of how the server was started. Save stays open and
 * names the reason when a value is refused.
 */
public final class SettingsDialog {

    private static final String STYLESHEET = "/org/streamboot/ui/app.css";

    public static final ButtonType SAVE = new ButtonType("Save", ButtonBar.ButtonData.OK_DONE);

    private final Dialog<ButtonType> dialog = new Dialog<>();
    private final Map<Setting, Field> fields = new EnumMap<>(Setting.class);
    private final Map<String, String> stored;
    private final SettingsAccess access;
    private final Consumer<String> onSaved;
    private final Label status = new Label();
    private final Label safety = new Label();
    private final ServerConfig config;

    /** One editable setting: its input, its byte-size hint and its refusal line. */
    private record Field(Node input, Label hint, Label problem) {
        String text() {
            return input instanceof ComboBox<?> c ? String.valueOf(c.getValue()) : ((TextField) input).getText();
        }
    }

    private SettingsDialog(Window owner, Map<String, String> stored, SettingsAccess access, Consumer<String> onSaved) {
        this.config = access.running();
        this.stored = stored;
        this.access = access;
        this.onSaved = onSaved;
        dialog.initOwner(owner);
        dialog.setTitle("Streamboot settings");
        dialog.setHeaderText("Settings");
        dialog.getDialogPane().setId("settings-dialog");
        dialog.getDialogPane().getStyleClass().add("settings-dialog");
        // A dialog is a scene of its own: it needs the console's stylesheet too.
        dialog.getDialogPane().getStylesheets().add(java.util.Objects.requireNonNull(
                SettingsDialog.class.getResource(STYLESHEET), STYLESHEET).toExternalForm());
        dialog.getDialogPane().getButtonTypes().setAll(SAVE, ButtonType.CANCEL);
        status.setId("settings-status");
        status.getStyleClass().add("settings-status");
        status.setWrapText(true);
        safety.setId("settings-dhcp-safety");
        safety.getStyleClass().add("settings-note");
        safety.setWrapText(true);
        VBox content = new VBox(10, section("Settings"), editable(false), section("Network"), editable(true), safety,
                status, section("How the server runs now"), facts(config));
        showSafety(DhcpMode.valueOf(fields.get(Setting.DHCP_MODE).text().toUpperCase(java.util.Locale.ROOT)));
        content.setPrefWidth(620);
        dialog.getDialogPane().setContent(content);
        Button save = (Button) dialog.getDialogPane().lookupButton(SAVE);
        save.setId("settings-save");
        save.setTooltip(new Tooltip("Check and store the settings"));
        // Save checks and stores in the background; the dialog closes only once that worked.
        save.addEventFilter(ActionEvent.ACTION, e -> {
            e.consume();
            save();
        });
    }

    /** Loads the stored settings in the background, then shows the dialog on the FX thread. */
    public static void open(Window owner, SettingsAccess access, Consumer<String> onSaved, Consumer<String> onError) {
        access.load().whenComplete((stored, error) -> Platform.runLater(() -> {
            if (error != null) {
                onError.accept("Cannot read the settings: " + ConsoleActions.reason(error));
                return;
            }
            new SettingsDialog(owner, stored, access, onSaved).dialog.show();
        }));
    }

    /** The network settings, or all the others. */
    private GridPane editable(boolean network) {
        GridPane grid = grid();
        int row = 0;
        for (Setting s : Setting.values()) {
            if (network != SettingsViewModel.isNetwork(s)) {
                continue;
            }
            Field f = field(s);
            fields.put(s, f);
            Label name = new Label(SettingsViewModel.label(s));
            name.getStyleClass().add("settings-key");
            name.setTooltip(wrapped(s.description));
            Label when = new Label(SettingsViewModel.whenApplied(s));
            when.getStyleClass().add("settings-when");
            grid.addRow(row++, name, new HBox(8, f.input(), f.hint()), when);
            grid.add(f.problem(), 1, row++, 2, 1);
        }
        return grid;
    }

    private Field field(Setting s) {
        String id = "setting-" + s.key.replace('.', '-');
        Label hint = new Label();
        hint.getStyleClass().add("settings-hint");
        Label problem = new Label();
        problem.setId(id + "-problem");
        problem.getStyleClass().add("settings-problem");
        problem.setWrapText(true);
        hide(problem);
        Node input;
        if (!SettingsViewModel.choices(s).isEmpty()) {
            ComboBox<String> box = new ComboBox<>();
            box.getItems().setAll(SettingsViewModel.choices(s));
            box.setValue(SettingsViewModel.shown(s, stored));
            input = box;
            hide(hint);
            if (s == Setting.DHCP_MODE) {
                box.valueProperty().addListener((o, was, now) -> showSafety(DhcpMode.valueOf(now.toUpperCase(java.util.Locale.ROOT))));
            }
        } else {
            TextField text = new TextField(SettingsViewModel.shown(s, stored));
            text.setPromptText(s.defaultValue.isEmpty() ? "automatic" : s.defaultValue);
            hint.setText(SettingsViewModel.hint(s, text.getText()));
            text.textProperty().addListener((o, a, b) -> hint.setText(SettingsViewModel.hint(s, b)));
            input = text;
        }
        if (config.fixed().contains(s)) {
            // The command line wins while the console runs: an edit here would silently not apply.
            input.setDisable(true);
            show(hint);
            hint.setText(SettingsViewModel.fixedNote(s));
        }
        input.setId(id);
        Tooltip.install(input, wrapped(s.description));
        return new Field(input, hint, problem);
    }

    private void save() {
        Map<Setting, String> texts = new EnumMap<>(Setting.class);
        fields.forEach((s, f) -> {
            if (!config.fixed().contains(s)) {
                texts.put(s, f.text());
            }
        });
        SettingsViewModel.Check check = SettingsViewModel.check(texts);
        fields.forEach((s, f) -> {
            String reason = check.refused().get(s);
            f.problem().setText(reason == null ? "" : reason);
            if (reason == null) {
                hide(f.problem());
            } else {
                show(f.problem());
            }
        });
        if (!check.ok()) {
            status.setText("Not saved: correct the value marked in red.");
            return;
        }
        Map<Setting, Optional<String>> changes = SettingsViewModel.changed(check, stored);
        if (changes.isEmpty()) {
            dialog.setResult(SAVE);
            dialog.close();
            return;
        }
        Node save = dialog.getDialogPane().lookupButton(SAVE);
        save.setDisable(true);
        status.setText("Saving…");
        access.saveAndApply(changes).whenComplete((message, error) -> Platform.runLater(() -> {
            save.setDisable(false);
            if (error != null) {
                status.setText("Not saved: " + ConsoleActions.reason(error));
                return;
            }
            dialog.setResult(SAVE);
            dialog.close();
            onSaved.accept(message);
        }));
    }

    private static GridPane facts(ServerConfig config) {
        GridPane grid = grid();
        int row = 0;
        for (SettingsViewModel.Fact f : SettingsViewModel.facts(config)) {
            Label key = new Label(f.label());
            key.getStyleClass().add("settings-key");
            Label value = new Label(f.value());
            value.getStyleClass().add("settings-fact");
            value.setWrapText(true);
            value.setId("fact-" + f.label().toLowerCase().replace(' ', '-'));
            grid.addRow(row++, key, value);
        }
        return grid;
    }

    /** The warning follows the mode chosen in the field, before anything is saved. */
    private void showSafety(DhcpMode mode) {
        safety.setText(SettingsViewModel.dhcpSafety(mode));
        safety.getStyleClass().remove("settings-warning");
        if (mode == DhcpMode.FULL) {
            safety.getStyleClass().add("settings-warning");
        }
    }

    private static GridPane grid() {
        GridPane grid = new GridPane();
        grid.getStyleClass().add("settings-grid");
        ColumnConstraints keys = new ColumnConstraints();
        keys.setMinWidth(170);
        ColumnConstraints values = new ColumnConstraints();
        values.setHgrow(Priority.ALWAYS);
        grid.getColumnConstraints().setAll(keys, values);
        return grid;
    }

    private static Label section(String title) {
        Label l = new Label(title);
        l.getStyleClass().add("detail-section");
        return l;
    }

    private static Tooltip wrapped(String text) {
        Tooltip t = new Tooltip(text);
        t.setWrapText(true);
        t.setMaxWidth(420);
        return t;
    }

    private static void hide(Node n) {
        n.setVisible(false);
        n.setManaged(false);
    }

    private static void show(Node n) {
        n.setVisible(true);
        n.setManaged(true);
    }
}
