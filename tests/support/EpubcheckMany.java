// Validates many EPUB files in ONE Java VM with the EPUBCheck library API.
//
// Why: the EPUBCheck command line checks exactly one file per run, and each run pays
// about 4 s of JVM start-up and schema loading. This program keeps one VM (and
// EPUBCheck's compiled schemas) alive and checks book after book.
//
// Run it as a single-source program (Java 11+, no separate compile step):
//
//     java -cp path/to/epubcheck.jar EpubcheckMany.java book1.epub book2.epub
//     java -cp path/to/epubcheck.jar EpubcheckMany.java < list-of-paths.txt
//
// With arguments it checks those files and exits; without, it reads one path per line
// from standard input until end of input (the mode tests/support/epubcheck.py uses).
// For each book it prints exactly one line of JSON to standard output:
//
//     {"path": "...", "messages": [{"severity": "ERROR", "id": "RSC-005",
//       "message": "...", "suggestion": "...", "path": "EPUB/nav.xhtml",
//       "line": 12, "column": 5}, ...]}
//
// Anything EPUBCheck or its libraries print goes to standard error, so standard output
// carries only these result lines. USAGE messages are included (like `epubcheck -u`);
// the caller decides which severities matter.

import com.adobe.epubcheck.api.EPUBLocation;
import com.adobe.epubcheck.api.EpubCheck;
import com.adobe.epubcheck.api.MasterReport;
import com.adobe.epubcheck.messages.Message;
import com.adobe.epubcheck.messages.Severity;
import com.adobe.epubcheck.util.FeatureEnum;
import com.adobe.epubcheck.util.ReportingLevel;
import java.io.BufferedReader;
import java.io.File;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

public final class EpubcheckMany {

    /** Collects every reported message of one book as a JSON array. */
    static final class CollectingReport extends MasterReport {
        private final StringBuilder json = new StringBuilder("[");
        private int count = 0;

        CollectingReport(String fileName) {
            setEpubFileName(fileName);
            setLocale(Locale.ENGLISH);
            // MasterReport drops USAGE by default (level Info); keep everything.
            setReportingLevel(ReportingLevel.Usage);
        }

        @Override
        public void message(Message message, EPUBLocation location, Object... args) {
            Severity severity = message.getSeverity();
            if (severity == Severity.SUPPRESSED) {
                return;
            }
            String path = null;
            int line = -1;
            int column = -1;
            if (location != null) {
                path = location.getPath();
                line = location.getLine();
                column = location.getColumn();
            }
            add(severity.name(), message.getID().toString(), message.getMessage(args),
                    message.getSuggestion(), path, line, column);
        }

        void add(String severity, String id, String text, String suggestion, String path, int line,
                int column) {
            if (count++ > 0) {
                json.append(", ");
            }
            json.append("{\"severity\": ").append(quote(severity))
                    .append(", \"id\": ").append(quote(id))
                    .append(", \"message\": ").append(quote(text))
                    .append(", \"suggestion\": ").append(quote(suggestion))
                    .append(", \"path\": ").append(quote(path))
                    .append(", \"line\": ").append(line)
                    .append(", \"column\": ").append(column)
                    .append('}');
        }

        String toJson() {
            return json.toString() + "]";
        }

        @Override
        public void info(String resource, FeatureEnum feature, String value) {
            // Feature reports (word counts, fonts used, ...) are not messages.
        }

        @Override
        public int generate() {
            return 0;
        }

        @Override
        public void initialize() {
        }
    }

    static String quote(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"': b.append("\\\""); break;
                case '\\': b.append("\\\\"); break;
                case '\n': b.append("\\n"); break;
                case '\r': b.append("\\r"); break;
                case '\t': b.append("\\t"); break;
                default:
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
            }
        }
        return b.append('"').toString();
    }

    static String checkOne(String path) {
        CollectingReport report = new CollectingReport(path);
        try {
            new EpubCheck(new File(path), report).doValidate();
        } catch (Throwable t) {
            // A crash inside EPUBCheck means the book was NOT validated: report it as
            // FATAL so that the caller cannot mistake it for a clean result.
            StringWriter trace = new StringWriter();
            t.printStackTrace(new PrintWriter(trace));
            report.add("FATAL", "RUNNER-CRASH", "EPUBCheck crashed: " + t, trace.toString(), null, -1, -1);
        }
        return "{\"path\": " + quote(path) + ", \"messages\": " + report.toJson() + "}";
    }

    public static void main(String[] args) throws Exception {
        // Keep standard output for result lines only.
        PrintStream results = new PrintStream(new FileOutputStream(FileDescriptor.out), true, "UTF-8");
        System.setOut(System.err);

        if (args.length > 0) {
            for (String path : args) {
                results.println(checkOne(path));
            }
            return;
        }
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            if (!line.isEmpty()) {
                results.println(checkOne(line));
                results.flush();
            }
        }
    }
}
