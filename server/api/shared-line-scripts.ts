/**
 * The shared generation line's steps, each one Lua script run atomically in Redis (shared-generation-line.ts). The
 * order is fair-queue.ts's, across every app process: a place's round is max(the round served last, its person's
 * last round + 1), and the line is served by round, then by arrival. A ZSET holds the waiting places under their
 * round as score, with the arrival number in front of the member (same score: members sort as strings).
 *
 * Keys, under the line's prefix: waiting (ZSET round -> "<seq>|<placeId>"), running (SET of place ids), places
 * (HASH place -> "<person>|<waiting member>"), held (HASH person -> places held), last (HASH person -> last round),
 * round (the round served last), seq (arrival counter), alive (ZSET place -> when its process must renew it by).
 */

export const lineKeys = (prefix: string) =>
  ["waiting", "running", "places", "held", "last", "round", "seq", "alive"].map((k) => `${prefix}:generation-line:${k}`);

// Shared by the scripts: KEYS[1..8] as lineKeys. `forget` takes a place out of wherever it is.
const COMMON = `
local waiting, running, places, held, last, roundKey, seqKey, alive = KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5], KEYS[6], KEYS[7], KEYS[8]
local function forget(place)
  local meta = redis.call("HGET", places, place)
  if not meta then return end
  local sep = string.find(meta, "|", 1, true)
  local person, member = string.sub(meta, 1, sep - 1), string.sub(meta, sep + 1)
  redis.call("ZREM", waiting, member)
  redis.call("SREM", running, place)
  redis.call("HDEL", places, place)
  redis.call("ZREM", alive, place)
  if redis.call("HINCRBY", held, person, -1) <= 0 then redis.call("HDEL", held, person) end
end
`;

/** ARGV: person, place, perPerson, renewBy. Returns 1, or 0 when the person already holds perPerson places. */
export const JOIN = `${COMMON}
local person, place, perPerson, renewBy = ARGV[1], ARGV[2], tonumber(ARGV[3]), ARGV[4]
if tonumber(redis.call("HGET", held, person) or "0") >= perPerson then return 0 end
redis.call("HINCRBY", held, person, 1)
local served = tonumber(redis.call("GET", roundKey) or "0")
local r = math.max(served, tonumber(redis.call("HGET", last, person) or "-1") + 1)
redis.call("HSET", last, person, r)
local member = string.format("%016d", redis.call("INCR", seqKey)) .. "|" .. place
redis.call("ZADD", waiting, r, member)
redis.call("HSET", places, place, person .. "|" .. member)
redis.call("ZADD", alive, renewBy, place)
return 1`;

/** ARGV: place. Takes the place out of the line, waiting or running. */
export const LEAVE = `${COMMON}
forget(ARGV[1])
return 1`;

/**
 * ARGV: now, renewBy, slots, then this process's places. Renews them, drops places whose process stopped renewing
 * (it died), starts waiting places while fewer than `slots` run, and returns each of this process's places' state:
 * 0 running, n > 0 waiting at position n, -1 gone (dropped).
 */
export const POLL = `${COMMON}
local now, renewBy, slots = tonumber(ARGV[1]), ARGV[2], tonumber(ARGV[3])
for i = 4, #ARGV do redis.call("ZADD", alive, "XX", renewBy, ARGV[i]) end
for _, place in ipairs(redis.call("ZRANGEBYSCORE", alive, "-inf", now)) do forget(place) end
while redis.call("SCARD", running) < slots do
  local first = redis.call("ZRANGE", waiting, 0, 0, "WITHSCORES")
  if #first == 0 then break end
  redis.call("ZREM", waiting, first[1])
  local place = string.sub(first[1], 18)
  redis.call("SADD", running, place)
  redis.call("SET", roundKey, first[2])
end
local served = tonumber(redis.call("GET", roundKey) or "0")
local lasts = redis.call("HGETALL", last)
for i = 1, #lasts, 2 do
  if tonumber(lasts[i + 1]) < served and not redis.call("HGET", held, lasts[i]) then redis.call("HDEL", last, lasts[i]) end
end
local out = {}
for i = 4, #ARGV do
  local place = ARGV[i]
  local meta = redis.call("HGET", places, place)
  if not meta then out[#out + 1] = -1
  elseif redis.call("SISMEMBER", running, place) == 1 then out[#out + 1] = 0
  else
    local member = string.sub(meta, string.find(meta, "|", 1, true) + 1)
    out[#out + 1] = redis.call("ZRANK", waiting, member) + 1
  end
end
return out`;
