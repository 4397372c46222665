package dev.orbitar.promptlab.worker.templates;

import dev.orbitar.promptlab.worker.picking.LabTask;
import dev.orbitar.promptlab.worker.picking.TaskKind;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The template versions known to this worker: the built-in files under {@code templates/} on the classpath, plus
 * the {@code .yaml}/{@code .yml} files of an optional extra folder read at start. An extra file may add a new slug,
 * add a version to a built-in slug, or override a built-in slug and version. After loading, every category must have
 * exactly one {@code ga} version: that version is the category's default.
 *
 * <p>Resolution rule of {@link #resolve(LabTask)}, tried in this order:
 * <ol>
 *   <li>A task whose category is not one of the seven gets the general category's default.</li>
 *   <li>A synthetic task, or a sample without a template slug, gets its category's default.</li>
 *   <li>A sample gets its own slug and version when the catalog has them; a missing version means 1.0.0.</li>
 *   <li>A sample whose slug is known but whose version is not gets the slug's ga version; when the slug has no ga
 *       version, its newest version that is not deprecated, else its newest version (SemVer precedence).</li>
 *   <li>A sample whose slug is unknown gets the general category's default, as the previous worker did.</li>
 * </ol>
 * A deprecated version is still returned when a sample names it exactly, so old production runs stay comparable.
 *
 * <p>The catalog is immutable after loading and safe to share between threads.
 */
public final class TemplateCatalog implements TemplateResolver {

    /** The classpath folder of the built-in template files. */
    public static final String BUILT_IN_FOLDER = "templates/";

    /** The classpath file listing the built-in template files, one name a line, because a jar cannot be listed. */
    public static final String BUILT_IN_INDEX = BUILT_IN_FOLDER + "index.txt";

    /** The version a sample without one is taken to have used. */
    public static final String DEFAULT_VERSION = "1.0.0";

    private static final Logger log = LoggerFactory.getLogger(TemplateCatalog.class);

    private final Map<String, List<Entry>> versionsBySlug;
    private final Map<String, PromptTemplate> defaultByCategory;

    private TemplateCatalog(Map<String, List<Entry>> versionsBySlug, Map<String, PromptTemplate> defaultByCategory) {
        this.versionsBySlug = versionsBySlug;
        this.defaultByCategory = defaultByCategory;
    }

    /** Loads the built-in template files only. */
    public static TemplateCatalog builtIn() {
        return load(null);
    }

    /**
     * Loads the built-in template files, then the extra folder's files over them.
     *
     * @param extraFolder a folder of extra template files, or null for none
     * @throws InvalidTemplateException when a file is invalid, two files of one source define the same slug and
     *     version, the folder does not exist, or a category does not end with exactly one ga version
     */
    public static TemplateCatalog load(Path extraFolder) {
        TemplateFileReader reader = new TemplateFileReader();
        Map<String, Entry> byKey = new LinkedHashMap<>();

        for (String name : builtInFileNames()) {
            String source = "built-in " + BUILT_IN_FOLDER + name;
            PromptTemplate template = readBuiltIn(reader, source, BUILT_IN_FOLDER + name);
            addUnique(byKey, new Entry(template, source));
        }

        if (extraFolder != null) {
            Map<String, Entry> extras = new LinkedHashMap<>();
            for (Path file : extraFiles(extraFolder)) {
                addUnique(extras, new Entry(readExtra(reader, file), file.toString()));
            }
            extras.forEach((key, entry) -> {
                Entry replaced = byKey.put(key, entry);
                if (replaced != null) {
                    log.info("Template {} {} from {} overrides the {}", entry.template.slug(),
                            entry.template.version(), entry.source, replaced.source);
                }
            });
            log.info("Loaded {} extra template versions from {}", extras.size(), extraFolder);
        }

        return new TemplateCatalog(groupBySlug(byKey), defaultsByCategory(byKey));
    }

    /** Returns the template version with exactly this slug and version string, or empty. */
    public Optional<PromptTemplate> find(String slug, String version) {
        if (slug == null || version == null) {
            return Optional.empty();
        }
        return versionsBySlug.getOrDefault(slug.strip(), List.of()).stream()
                .map(Entry::template)
                .filter(template -> template.version().equals(version.strip()))
                .findFirst();
    }

    /** Returns the ga version of the category, or of the general category when the category is not one of the seven. */
    public PromptTemplate defaultFor(String category) {
        return defaultByCategory.getOrDefault(category, defaultByCategory.get(TaskCategories.GENERAL));
    }

    /** Returns every version of the slug, oldest first by SemVer precedence, or an empty list. */
    public List<PromptTemplate> versionsOf(String slug) {
        return versionsBySlug.getOrDefault(slug, List.of()).stream().map(Entry::template).toList();
    }

    /** Returns every template version, by slug and then oldest version first. */
    public List<PromptTemplate> all() {
        return versionsBySlug.values().stream().flatMap(List::stream).map(Entry::template).toList();
    }

    /** Returns the template version for a task, by the rule in this class's description. */
    @Override
    public PromptTemplate resolve(LabTask task) {
        return explain(task).template();
    }

    /** Returns the template version for a task together with the rule that chose it. */
    public TemplateResolution explain(LabTask task) {
        if (!TaskCategories.isKnown(task.category())) {
            return new TemplateResolution(defaultFor(TaskCategories.GENERAL),
                    TemplateResolution.Rule.UNKNOWN_CATEGORY_GENERAL_DEFAULT);
        }
        String slug = task.templateSlug() == null ? "" : task.templateSlug().strip();
        if (task.kind() == TaskKind.SYNTHETIC || slug.isEmpty()) {
            return new TemplateResolution(defaultFor(task.category()), TemplateResolution.Rule.CATEGORY_DEFAULT);
        }

        List<Entry> versions = versionsBySlug.get(slug);
        if (versions == null) {
            return new TemplateResolution(defaultFor(TaskCategories.GENERAL),
                    TemplateResolution.Rule.UNKNOWN_SLUG_GENERAL_DEFAULT);
        }

        String version = task.templateVersion() == null || task.templateVersion().isBlank()
                ? DEFAULT_VERSION
                : task.templateVersion().strip();
        Optional<PromptTemplate> exact = find(slug, version);
        if (exact.isPresent()) {
            return new TemplateResolution(exact.get(), TemplateResolution.Rule.SAMPLE_VERSION);
        }

        return fallbackVersion(versions);
    }

    private static TemplateResolution fallbackVersion(List<Entry> oldestFirst) {
        Optional<PromptTemplate> ga = oldestFirst.stream()
                .map(Entry::template)
                .filter(template -> template.stage().equals(TemplateStage.GA.wireValue()))
                .findFirst();
        if (ga.isPresent()) {
            return new TemplateResolution(ga.get(), TemplateResolution.Rule.SAMPLE_SLUG_GA);
        }

        List<PromptTemplate> newestFirst = new ArrayList<>(oldestFirst.stream().map(Entry::template).toList());
        Collections.reverse(newestFirst);
        PromptTemplate newest = newestFirst.stream()
                .filter(template -> !template.stage().equals(TemplateStage.DEPRECATED.wireValue()))
                .findFirst()
                .orElse(newestFirst.get(0));
        return new TemplateResolution(newest, TemplateResolution.Rule.SAMPLE_SLUG_NEWEST);
    }

    private static List<String> builtInFileNames() {
        try (InputStream index = openResource(BUILT_IN_INDEX)) {
            if (index == null) {
                throw new InvalidTemplateException("Built-in template index " + BUILT_IN_INDEX
                        + " is missing from the classpath; rebuild the worker jar");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(index, StandardCharsets.UTF_8));
            return reader.lines()
                    .map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the built-in template index " + BUILT_IN_INDEX, e);
        }
    }

    private static PromptTemplate readBuiltIn(TemplateFileReader reader, String source, String resource) {
        try (InputStream input = openResource(resource)) {
            if (input == null) {
                throw new InvalidTemplateException("Invalid template file " + source
                        + ": listed in " + BUILT_IN_INDEX + " but not on the classpath");
            }
            return reader.read(source, input);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + source, e);
        }
    }

    private static InputStream openResource(String name) {
        return TemplateCatalog.class.getClassLoader().getResourceAsStream(name);
    }

    private static List<Path> extraFiles(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new InvalidTemplateException("Extra template folder " + folder
                    + " does not exist or is not a folder; name a folder of .yaml template files");
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files
                    .filter(Files::isRegularFile)
                    .filter(file -> isTemplateFileName(file.getFileName().toString()))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new InvalidTemplateException("Extra template folder " + folder + " could not be listed: "
                    + e.getMessage(), e);
        }
    }

    private static boolean isTemplateFileName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return !lower.startsWith(".") && (lower.endsWith(".yaml") || lower.endsWith(".yml"));
    }

    private static PromptTemplate readExtra(TemplateFileReader reader, Path file) {
        try (InputStream input = Files.newInputStream(file)) {
            return reader.read(file.toString(), input);
        } catch (IOException e) {
            throw new InvalidTemplateException("Invalid template file " + file + ": could not be read: "
                    + e.getMessage(), e);
        }
    }

    private static void addUnique(Map<String, Entry> byKey, Entry entry) {
        Entry previous = byKey.putIfAbsent(entry.key(), entry);
        if (previous != null) {
            throw new InvalidTemplateException("Invalid template file " + entry.source + ": fields 'slug' and 'version' ("
                    + entry.template.slug() + " " + entry.template.version() + ") repeat those of " + previous.source
                    + "; give each file its own slug and version");
        }
    }

    private static Map<String, List<Entry>> groupBySlug(Map<String, Entry> byKey) {
        Comparator<Entry> oldestFirst = Comparator.comparing(Entry::semanticVersion)
                .thenComparing(entry -> entry.template.version());
        Map<String, List<Entry>> grouped = byKey.values().stream()
                .collect(Collectors.groupingBy(entry -> entry.template.slug(), Collectors.toList()));

        Map<String, List<Entry>> sorted = new LinkedHashMap<>();
        grouped.keySet().stream().sorted().forEach(slug -> {
            List<Entry> versions = new ArrayList<>(grouped.get(slug));
            versions.sort(oldestFirst);
            sorted.put(slug, List.copyOf(versions));
        });
        return sorted;
    }

    private static Map<String, PromptTemplate> defaultsByCategory(Map<String, Entry> byKey) {
        Map<String, PromptTemplate> defaults = new LinkedHashMap<>();
        for (String category : TaskCategories.ALL) {
            List<Entry> gaEntries = byKey.values().stream()
                    .filter(entry -> entry.template.category().equals(category))
                    .filter(entry -> entry.template.stage().equals(TemplateStage.GA.wireValue()))
                    .toList();
            if (gaEntries.isEmpty()) {
                throw new InvalidTemplateException("No template version has field 'stage' set to ga for category '"
                        + category + "'; set stage: ga in exactly one " + category + " template file");
            }
            if (gaEntries.size() > 1) {
                String files = gaEntries.stream()
                        .map(entry -> entry.source + " (" + entry.template.slug() + " " + entry.template.version() + ")")
                        .collect(Collectors.joining(", "));
                throw new InvalidTemplateException("Field 'stage' is ga in " + gaEntries.size() + " template files of"
                        + " category '" + category + "': " + files + "; keep ga in exactly one of them");
            }
            defaults.put(category, gaEntries.get(0).template);
        }
        return Map.copyOf(defaults);
    }

    /** A loaded template version and the file it came from. */
    private record Entry(PromptTemplate template, String source) {

        String key() {
            return template.slug() + "@" + template.version();
        }

        SemanticVersion semanticVersion() {
            // The reader has validated every version, so parsing cannot fail here.
            return SemanticVersion.parse(template.version()).orElseThrow();
        }
    }
}
