package io.huitong.risk.internal;

import io.huitong.risk.domain.VelocityStore;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Velocity in Redis, shared by every platform instance ({@code HUITONG_REDIS_URL}). The same buckets as in
 * process: per key, a hash per five-minute bucket ({@code PREFIX v:KEY:s:PERIOD}: count, sum, small payments;
 * kept two hours) and per hourly bucket ({@code PREFIX v:KEY:l:PERIOD}: count, sum; kept 26 hours). A payer is a
 * hash (first and last seen, last position), a list of its last 20 amounts and a set of its devices (at most 20),
 * kept 30 days. Each read and each write is one Lua script: one round trip, atomic. The scripts name keys they
 * build, so the store wants one Redis server (or a cluster with the prefix in one hash slot).
 */
public final class RedisVelocityStore implements VelocityStore, AutoCloseable {

    private static final String WINDOW = """
            local base = KEYS[1]
            local sp = tonumber(ARGV[1]); local lp = tonumber(ARGV[2])
            local c1, s1, sm, c24, s24 = 0, 0, 0, 0, 0
            for p = sp - %d, sp do
              local v = redis.call('HMGET', base .. ':s:' .. p, 'c', 's', 'm')
              c1 = c1 + (tonumber(v[1]) or 0); s1 = s1 + (tonumber(v[2]) or 0); sm = sm + (tonumber(v[3]) or 0)
            end
            for p = lp - %d, lp do
              local v = redis.call('HMGET', base .. ':l:' .. p, 'c', 's')
              c24 = c24 + (tonumber(v[1]) or 0); s24 = s24 + (tonumber(v[2]) or 0)
            end
            return {c1, tostring(s1), sm, c24, tostring(s24)}
            """.formatted(SMALL_BUCKETS - 1, LARGE_BUCKETS - 1);

    private static final String ADD = """
            local sp = ARGV[1]; local lp = ARGV[2]; local amount = tonumber(ARGV[3]); local small = tonumber(ARGV[4])
            for i, base in ipairs(KEYS) do
              local s = base .. ':s:' .. sp
              redis.call('HINCRBY', s, 'c', 1); redis.call('HINCRBY', s, 's', amount); redis.call('HINCRBY', s, 'm', small)
              redis.call('EXPIRE', s, 7200)
              local l = base .. ':l:' .. lp
              redis.call('HINCRBY', l, 'c', 1); redis.call('HINCRBY', l, 's', amount)
              redis.call('EXPIRE', l, 93600)
            end
            return 1
            """;

    private static final String PAYER = """
            local h = redis.call('HMGET', KEYS[1], 'first', 'last', 'loc_at', 'lat', 'lon')
            local amounts = redis.call('LRANGE', KEYS[2], 0, -1)
            local known = 0
            if ARGV[1] ~= '' then known = redis.call('SISMEMBER', KEYS[3], ARGV[1]) end
            return {h[1] or '', h[2] or '', h[3] or '', h[4] or '', h[5] or '', known, amounts}
            """;

    private static final String REMEMBER = """
            local at = ARGV[1]
            redis.call('HSETNX', KEYS[1], 'first', at)
            redis.call('HSET', KEYS[1], 'last', at)
            if ARGV[2] ~= '' then redis.call('HSET', KEYS[1], 'lat', ARGV[2], 'lon', ARGV[3], 'loc_at', at) end
            redis.call('LPUSH', KEYS[2], ARGV[4]); redis.call('LTRIM', KEYS[2], 0, tonumber(ARGV[6]) - 1)
            if ARGV[5] ~= '' then
              redis.call('SADD', KEYS[3], ARGV[5])
              if redis.call('SCARD', KEYS[3]) > tonumber(ARGV[7]) then redis.call('SPOP', KEYS[3]) end
              redis.call('EXPIRE', KEYS[3], 2592000)
            end
            redis.call('EXPIRE', KEYS[1], 2592000); redis.call('EXPIRE', KEYS[2], 2592000)
            return 1
            """;

    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;
    private final String prefix;
    private volatile String windowSha;
    private volatile String addSha;
    private volatile String payerSha;
    private volatile String rememberSha;

    public RedisVelocityStore(String url, String prefix) {
        this.client = RedisClient.create(url);
        this.connection = client.connect();
        this.prefix = prefix;
        load();
    }

    private void load() {
        RedisCommands<String, String> redis = connection.sync();
        windowSha = redis.scriptLoad(WINDOW);
        addSha = redis.scriptLoad(ADD);
        payerSha = redis.scriptLoad(PAYER);
        rememberSha = redis.scriptLoad(REMEMBER);
    }

    private <T> T eval(java.util.function.Supplier<String> sha, ScriptOutputType type, String[] keys, String... args) {
        try {
            return connection.sync().evalsha(sha.get(), type, keys, args);
        } catch (RedisNoScriptException e) {
            load();
            return connection.sync().evalsha(sha.get(), type, keys, args);
        }
    }

    @Override
    public Window window(String key, Instant now) {
        if (key == null) {
            return Window.EMPTY;
        }
        return window(eval(() -> windowSha, ScriptOutputType.MULTI, windowKeys(key), windowArgs(now)));
    }

    private String[] windowKeys(String key) {
        return new String[] {prefix + "v:" + key};
    }

    private static String[] windowArgs(Instant now) {
        long second = now.getEpochSecond();
        return new String[] {Long.toString(second / SMALL_BUCKET_SECONDS), Long.toString(second / LARGE_BUCKET_SECONDS)};
    }

    private static Window window(List<Object> r) {
        return new Window(num(r.get(0)), Long.parseLong(String.valueOf(r.get(1)).replaceAll("\\.0$", "")), num(r.get(3)),
                Long.parseLong(String.valueOf(r.get(4)).replaceAll("\\.0$", "")), num(r.get(2)));
    }

    @Override
    public void add(String[] keys, Instant at, long amount, boolean small) {
        String[] bases = addKeys(keys);
        if (bases.length > 0) {
            eval(() -> addSha, ScriptOutputType.INTEGER, bases, addArgs(at, amount, small));
        }
    }

    private String[] addKeys(String[] keys) {
        List<String> bases = new ArrayList<>(keys.length);
        for (String k : keys) {
            if (k != null) {
                bases.add(prefix + "v:" + k);
            }
        }
        return bases.toArray(String[]::new);
    }

    private static String[] addArgs(Instant at, long amount, boolean small) {
        long second = at.getEpochSecond();
        return new String[] {Long.toString(second / SMALL_BUCKET_SECONDS), Long.toString(second / LARGE_BUCKET_SECONDS),
                Long.toString(amount), small ? "1" : "0"};
    }

    /**
     * The windows and the payer in one round trip: the scripts are sent one after another without waiting, and their answers
     * read together. Should Redis have lost the scripts (a restart), they are loaded again and the look-ups made one by one.
     */
    @Override
    public Reading read(String[] keys, String payerKey, String deviceId, Instant now) {
        RedisAsyncCommands<String, String> async = connection.async();
        List<RedisFuture<List<Object>>> windows = new ArrayList<>(keys.length);
        for (String key : keys) {
            windows.add(key == null ? null : async.evalsha(windowSha, ScriptOutputType.MULTI, windowKeys(key), windowArgs(now)));
        }
        RedisFuture<List<Object>> payer = payerKey == null ? null
                : async.evalsha(payerSha, ScriptOutputType.MULTI, payerKeys(payerKey), deviceId == null ? "" : deviceId);
        try {
            List<Window> read = new ArrayList<>(keys.length);
            for (RedisFuture<List<Object>> w : windows) {
                read.add(w == null ? Window.EMPTY : window(await(w)));
            }
            return new Reading(read, payer == null ? Payer.unknown() : payer(await(payer)));
        } catch (RedisNoScriptException e) {
            load();
            return VelocityStore.super.read(keys, payerKey, deviceId, now);
        }
    }

    /** {@link #add} and {@link #rememberPayer}, sent together and then both awaited. */
    @Override
    public void record(String[] keys, String payerKey, Instant at, long amount, boolean small, Double latitude, Double longitude,
                       String deviceId) {
        RedisAsyncCommands<String, String> async = connection.async();
        String[] bases = addKeys(keys);
        RedisFuture<Long> added = bases.length == 0 ? null : async.evalsha(addSha, ScriptOutputType.INTEGER, bases, addArgs(at, amount, small));
        RedisFuture<Long> remembered = payerKey == null ? null
                : async.evalsha(rememberSha, ScriptOutputType.INTEGER, payerKeys(payerKey), rememberArgs(at, latitude, longitude, amount, deviceId));
        boolean addAgain = added != null && lostScript(added);
        boolean rememberAgain = remembered != null && lostScript(remembered);
        if (addAgain || rememberAgain) {
            // Redis lost its scripts (a restart): what was refused did not run, and runs now; what ran is not sent again
            load();
            if (addAgain) {
                add(keys, at, amount, small);
            }
            if (rememberAgain) {
                rememberPayer(payerKey, at, latitude, longitude, amount, deviceId);
            }
        }
    }

    /** Waits for the script's answer: true when Redis no longer knew the script, so that it did not run. */
    private boolean lostScript(RedisFuture<?> future) {
        try {
            await(future);
            return false;
        } catch (RedisNoScriptException e) {
            return true;
        }
    }

    private <T> T await(RedisFuture<T> future) {
        try {
            return future.get(connection.getTimeout().toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new io.lettuce.core.RedisException(e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new io.lettuce.core.RedisCommandTimeoutException("Redis did not answer within " + connection.getTimeout());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new io.lettuce.core.RedisCommandInterruptedException(e);
        }
    }

    @Override
    public Payer payer(String payerKey, String deviceId) {
        if (payerKey == null) {
            return Payer.unknown();
        }
        return payer(eval(() -> payerSha, ScriptOutputType.MULTI, payerKeys(payerKey), deviceId == null ? "" : deviceId));
    }

    private static Payer payer(List<Object> r) {
        String first = (String) r.get(0);
        if (first.isEmpty()) {
            return Payer.unknown();
        }
        @SuppressWarnings("unchecked")
        List<Object> amounts = (List<Object>) r.get(6);
        long median = 0;
        if (!amounts.isEmpty()) {
            long[] sorted = amounts.stream().mapToLong(a -> Long.parseLong(String.valueOf(a))).toArray();
            Arrays.sort(sorted);
            int n = sorted.length;
            median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        }
        String locAt = (String) r.get(2);
        return new Payer(Instant.ofEpochMilli(Long.parseLong(first)), Instant.ofEpochMilli(Long.parseLong((String) r.get(1))),
                locAt.isEmpty() ? null : Instant.ofEpochMilli(Long.parseLong(locAt)),
                locAt.isEmpty() ? null : Double.valueOf((String) r.get(3)), locAt.isEmpty() ? null : Double.valueOf((String) r.get(4)),
                median, num(r.get(5)) == 1);
    }

    @Override
    public void rememberPayer(String payerKey, Instant at, Double latitude, Double longitude, long amount, String deviceId) {
        if (payerKey == null) {
            return;
        }
        eval(() -> rememberSha, ScriptOutputType.INTEGER, payerKeys(payerKey), rememberArgs(at, latitude, longitude, amount, deviceId));
    }

    private static String[] rememberArgs(Instant at, Double latitude, Double longitude, long amount, String deviceId) {
        boolean located = latitude != null && longitude != null;
        return new String[] {Long.toString(at.toEpochMilli()), located ? latitude.toString() : "", located ? longitude.toString() : "",
                Long.toString(amount), deviceId == null ? "" : deviceId, Integer.toString(RECENT_AMOUNTS), Integer.toString(DEVICES)};
    }

    private String[] payerKeys(String payerKey) {
        return new String[] {prefix + "p:" + payerKey, prefix + "pa:" + payerKey, prefix + "pd:" + payerKey};
    }

    private static int num(Object o) {
        return o instanceof Number n ? n.intValue() : Integer.parseInt(String.valueOf(o));
    }

    /** Deletes every key under this store's prefix (a test's or a benchmark's own). */
    public void deleteAll() {
        io.lettuce.core.ScanIterator<String> keys = io.lettuce.core.ScanIterator.scan(connection.sync(),
                io.lettuce.core.ScanArgs.Builder.matches(prefix + "*").limit(500));
        while (keys.hasNext()) {
            connection.sync().del(keys.next());
        }
    }

    @Override
    public void close() {
        connection.close();
        client.shutdown();
    }
}
