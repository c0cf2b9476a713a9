package io.huitong.vault;

import io.huitong.vault.domain.MasterKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The master keys this node holds, and where from: {@code HUITONG_MASTER_KEY}, {@code HUITONG_MASTER_KEY_NEXT} (a key
 * staged for the next rotation), the file {@code master.key} of the data directory (the single key of installations
 * from before the keyring), and the keyring file {@code master.keys} there: one key a line, {@code <id> <base64>} (or
 * the base64 alone), {@code #} comments. Keys generated here go to {@code master.keys}, owner-only; a key is removed
 * from the files by rewriting them without it and overwriting the old bytes. The files are only read at start: each
 * node has a data directory of its own.
 */
final class MasterKeyFiles {

    static final String KEY_FILE = "master.key";
    static final String KEYRING_FILE = "master.keys";
    private static final String HEADER = "# Huitong master keys: <id> <base64 key>, one a line. Owner-only; never next to the database or its backups.\n";
    private static final FileAttribute<?> OWNER_ONLY = PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));

    /** Where a node holds a key; keys from the environment can't be removed by the platform. */
    enum Source {
        ENVIRONMENT("HUITONG_MASTER_KEY"), ENVIRONMENT_NEXT("HUITONG_MASTER_KEY_NEXT"), KEY_FILE(MasterKeyFiles.KEY_FILE),
        KEYRING_FILE(MasterKeyFiles.KEYRING_FILE);

        final String label;

        Source(String label) {
            this.label = label;
        }

        boolean inEnvironment() {
            return this == ENVIRONMENT || this == ENVIRONMENT_NEXT;
        }
    }

    record Held(MasterKey key, Source source) {
    }

    private final Path dir;
    private final List<Held> held;

    private MasterKeyFiles(Path dir, List<Held> held) {
        this.dir = dir;
        this.held = new ArrayList<>(held);
    }

    /** The keys of the environment ({@code configured}, {@code next}: base64, blank for none) and of the data directory's files. */
    static MasterKeyFiles load(String configured, String next, Path dataDir) {
        Path dir = dataDir.toAbsolutePath().normalize();
        List<Held> held = new ArrayList<>();
        if (configured != null && !configured.isBlank()) {
            held.add(new Held(MasterKey.of(decode(configured.strip(), Source.ENVIRONMENT.label)), Source.ENVIRONMENT));
        }
        if (next != null && !next.isBlank()) {
            held.add(new Held(MasterKey.of(decode(next.strip(), Source.ENVIRONMENT_NEXT.label)), Source.ENVIRONMENT_NEXT));
        }
        try {
            Path single = dir.resolve(KEY_FILE);
            if (Files.exists(single)) {
                held.add(new Held(MasterKey.of(decode(Files.readString(single).strip(), single.toString())), Source.KEY_FILE));
            }
            Path keyring = dir.resolve(KEYRING_FILE);
            if (Files.exists(keyring)) {
                for (MasterKey key : parse(Files.readAllLines(keyring, StandardCharsets.UTF_8), keyring)) {
                    held.add(new Held(key, Source.KEYRING_FILE));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the master key files in " + dir, e);
        }
        return new MasterKeyFiles(dir, held);
    }

    private static List<MasterKey> parse(List<String> lines, Path file) {
        List<MasterKey> keys = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split("\\s+");
            String where = file + ", line " + (i + 1);
            if (fields.length > 2) {
                throw new IllegalStateException(where + ": expected <id> <base64 key>");
            }
            MasterKey key = MasterKey.of(decode(fields[fields.length - 1], where));
            if (fields.length == 2 && !fields[0].equals(key.id())) {
                throw new IllegalStateException(where + ": the key's id is " + key.id() + ", not " + fields[0]);
            }
            keys.add(key);
        }
        return keys;
    }

    synchronized List<Held> held() {
        return List.copyOf(held);
    }

    synchronized Optional<MasterKey> find(String id) {
        return held.stream().map(Held::key).filter(k -> k.id().equals(id)).findFirst();
    }

    /** Where this node holds the key {@code id}, first source first; empty when it does not. */
    synchronized List<Source> sources(String id) {
        return held.stream().filter(h -> h.key().id().equals(id)).map(Held::source).toList();
    }

    /** A new random master key, written to {@code master.keys} (created owner-only when missing) and synced before it is returned. */
    synchronized MasterKey generate() {
        byte[] material = new byte[MasterKey.BYTES];
        new SecureRandom().nextBytes(material);
        MasterKey key = MasterKey.of(material);
        String line = key.id() + " " + Base64.getEncoder().encodeToString(material) + "\n";
        Arrays.fill(material, (byte) 0);
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve(KEYRING_FILE);
            if (!Files.exists(file) && createWith(file, HEADER + line)) {
                held.add(new Held(key, Source.KEYRING_FILE));
                return key;
            }
            replace(file, Files.readString(file, StandardCharsets.UTF_8) + line, null);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the master key file " + dir.resolve(KEYRING_FILE), e);
        }
        held.add(new Held(key, Source.KEYRING_FILE));
        return key;
    }

    /**
     * Removes the key {@code id} from {@code master.keys} and {@code master.key}: the file is replaced by one without it,
     * then the old file's bytes are overwritten with zeros and synced. Answers whether this node still holds the key
     * after that (from the environment, which only the operator can change).
     */
    synchronized boolean remove(String id) {
        try {
            Path keyring = dir.resolve(KEYRING_FILE);
            if (sources(id).contains(Source.KEYRING_FILE)) {
                List<String> kept = new ArrayList<>();
                for (String line : Files.readAllLines(keyring, StandardCharsets.UTF_8)) {
                    String stripped = line.strip();
                    boolean isKey = !stripped.isEmpty() && !stripped.startsWith("#");
                    if (!isKey || !parse(List.of(line), keyring).getFirst().id().equals(id)) {
                        kept.add(line);
                    }
                }
                replace(keyring, String.join("\n", kept) + "\n", null);
            }
            Path single = dir.resolve(KEY_FILE);
            if (sources(id).contains(Source.KEY_FILE)) {
                replace(single, null, dir.resolve(KEY_FILE + ".destroyed"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove master key " + id + " from the key files in " + dir, e);
        }
        held.removeIf(h -> h.key().id().equals(id) && !h.source().inEnvironment());
        return !sources(id).isEmpty();
    }

    /** Creates {@code file} with {@code content}, owner-only; false when it exists already (another process made it). */
    private static boolean createWith(Path file, String content) throws IOException {
        try {
            try {
                Files.createFile(file, OWNER_ONLY);
            } catch (UnsupportedOperationException noPosix) {
                Files.createFile(file);
            }
        } catch (FileAlreadyExistsException raced) {
            return false;
        }
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            out.write(ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8)));
            out.force(true);
        }
        return true;
    }

    /**
     * Replaces {@code file} by one holding {@code content} (atomically: a reader sees the old file or the new one), or,
     * with {@code content} null, moves it to {@code graveyard}; then overwrites the old file's bytes with zeros through a
     * channel opened before, syncs, and deletes the graveyard. File systems that copy on write, SSDs and backups may still
     * keep the old bytes: destroy those copies separately.
     */
    private void replace(Path file, String content, Path graveyard) throws IOException {
        try (FileChannel old = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            if (content != null) {
                Path temp = tempFile();
                try (FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                    out.write(ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8)));
                    out.force(true);
                }
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } else {
                Files.move(file, graveyard, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
            syncDirectory();
            long size = old.size();
            ByteBuffer zeros = ByteBuffer.allocate((int) Math.min(size, 1 << 16));
            for (long at = 0; at < size; at += zeros.capacity()) {
                zeros.clear().limit((int) Math.min(zeros.capacity(), size - at));
                old.write(zeros, at);
            }
            old.force(true);
        }
        if (graveyard != null) {
            Files.deleteIfExists(graveyard);
        }
    }

    private Path tempFile() throws IOException {
        try {
            return Files.createTempFile(dir, "." + KEYRING_FILE, ".tmp", OWNER_ONLY);
        } catch (UnsupportedOperationException noPosix) {
            return Files.createTempFile(dir, "." + KEYRING_FILE, ".tmp");
        }
    }

    private void syncDirectory() {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // not every platform opens a directory: the rename itself is atomic, only its durability waits for the next sync
        }
    }

    private static byte[] decode(String base64, String source) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("the master key in " + source + " is not base64");
        }
        if (key.length != MasterKey.BYTES) {
            throw new IllegalStateException("the master key in " + source + " must be 32 bytes, base64-encoded (openssl rand -base64 32)");
        }
        return key;
    }
}
