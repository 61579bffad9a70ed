using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Xinyong.Audit;

namespace Xinyong.Storage.Audit;

/// <summary>
/// The keys of the audit chain, kept outside the database in one file of the keys folder (mode 0600, one JSON line per
/// key, the newest last), and the chain's origin (<see cref="AuditOrigin"/>), recorded once when the first keyed entry is
/// written. Old keys are never removed: verification needs them. Another process (the <c>xinyong audit rotate-key</c>
/// command) may add a key while the platform runs; an id not in memory makes the ring read the file again.
/// </summary>
public sealed class AuditKeyRing : IAuditKeys
{
    private readonly string _path;
    private readonly TimeProvider _clock;
    private readonly Lock _gate = new();
    private List<AuditKey> _keys = [];
    private AuditOrigin? _origin;

    private AuditKeyRing(string path, TimeProvider clock) { _path = path; _clock = clock; }

    /// <summary>The file's path.</summary>
    public string Path => _path;

    /// <summary>The ring in the file at <paramref name="path"/>; a new key is generated and saved when the file holds none.</summary>
    public static AuditKeyRing LoadOrCreate(string path, TimeProvider clock)
    {
        var ring = new AuditKeyRing(System.IO.Path.GetFullPath(path), clock);
        ring.Reload();
        if (ring._keys.Count == 0) ring.Change(lines => lines.Any(l => l.Key is not null) ? [] : [new Line { Id = null }]);
        return ring;
    }

    /// <summary>The newest key (the one a new chain starts with).</summary>
    public AuditKey Current { get { lock (_gate) return _keys[^1]; } }

    /// <summary>Every key, oldest first.</summary>
    public IReadOnlyList<AuditKey> Keys { get { lock (_gate) return [.. _keys]; } }

    /// <summary>The chain's origin, or null before the first keyed entry.</summary>
    public AuditOrigin? Origin { get { lock (_gate) return _origin; } }

    /// <summary>The key with this id, reading the file again when it is not known yet; null when it is nowhere.</summary>
    public AuditKey? Find(string id)
    {
        lock (_gate) { if (_keys.FirstOrDefault(k => k.Id == id) is { } k) return k; }
        Reload();
        lock (_gate) return _keys.FirstOrDefault(k => k.Id == id);
    }

    /// <summary>Generates a new key, saves it after the others and returns it. The old keys stay for verification.</summary>
    public AuditKey AddKey()
    {
        Change(_ => [new Line { Id = null }]);
        return Current;
    }

    /// <summary>Records where keyed entries begin, unless an origin is recorded already. Returns the origin in force.</summary>
    public AuditOrigin RecordOrigin(AuditOrigin origin)
    {
        Change(lines => lines.Any(l => l.Origin is not null) ? [] : [new Line { Origin = origin }]);
        return Origin!;
    }

    /// <summary>Reads the file again.</summary>
    public void Reload()
    {
        var (keys, origin) = Parse(File.Exists(_path) ? File.ReadAllLines(_path) : []);
        lock (_gate) { _keys = keys; _origin = origin; }
    }

    private sealed record Line
    {
        [JsonPropertyName("id")] public string? Id { get; init; }
        [JsonPropertyName("key")] public string? Key { get; init; }
        [JsonPropertyName("created")] public DateTimeOffset? Created { get; init; }
        [JsonPropertyName("origin")] public AuditOrigin? Origin { get; init; }
    }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    private static (List<AuditKey>, AuditOrigin?) Parse(IEnumerable<string> lines)
    {
        var keys = new List<AuditKey>();
        AuditOrigin? origin = null;
        foreach (var text in lines)
        {
            if (string.IsNullOrWhiteSpace(text)) continue;
            var l = JsonSerializer.Deserialize<Line>(text, Json)!;
            if (l.Origin is not null) origin ??= l.Origin;
            else if (l.Key is not null)
            {
                var secret = Convert.FromBase64String(l.Key);
                keys.Add(new AuditKey(AuditKey.IdOf(secret), secret, l.Created ?? DateTimeOffset.MinValue));
            }
        }
        return (keys, origin);
    }

    /// <summary>Under an exclusive lock on the file, adds the lines <paramref name="add"/> returns for the lines there now
    /// (a line with a null id asks for a new key), writes the file anew (temp file, mode 0600, then rename) and reloads.</summary>
    private void Change(Func<List<Line>, List<Line>> add)
    {
        var folder = System.IO.Path.GetDirectoryName(_path)!;
        if (!Directory.Exists(folder))
        {
            if (OperatingSystem.IsWindows()) Directory.CreateDirectory(folder);
            else Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        using (FileLock.Hold(_path + ".lock"))
        {
            var text = File.Exists(_path) ? File.ReadAllLines(_path).Where(t => !string.IsNullOrWhiteSpace(t)).ToList() : [];
            var lines = text.Select(t => JsonSerializer.Deserialize<Line>(t, Json)!).ToList();
            var added = add(lines);
            if (added.Count == 0) { Reload(); return; }
            foreach (var l in added)
            {
                if (l.Origin is not null) { text.Add(JsonSerializer.Serialize(l, Json)); continue; }
                var secret = RandomNumberGenerator.GetBytes(32);
                text.Add(JsonSerializer.Serialize(new Line { Id = AuditKey.IdOf(secret), Key = Convert.ToBase64String(secret), Created = _clock.GetUtcNow() }, Json));
            }
            FileLock.WriteSecret(_path, string.Join('\n', text) + "\n");
        }
        Reload();
    }
}

/// <summary>Exclusive file locks and owner-only files for the keys folder.</summary>
internal static class FileLock
{
    /// <summary>Holds an exclusive lock on a file (an advisory lock on Unix), waiting up to 30 s for another holder.</summary>
    public static FileStream Hold(string lockPath)
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try { return new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None); }
            catch (IOException) when (DateTime.UtcNow < until) { Thread.Sleep(20); }
        }
    }

    /// <summary>Replaces a file with <paramref name="content"/>, readable by its owner only (mode 0600): a temp file, then a rename.</summary>
    public static void WriteSecret(string path, string content)
    {
        var temp = System.IO.Path.Combine(System.IO.Path.GetDirectoryName(path)!, $".{System.IO.Path.GetFileName(path)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        try
        {
            using (var w = new StreamWriter(temp, new UTF8Encoding(false), options)) w.Write(content);
            File.Move(temp, path, overwrite: true);
        }
        finally { File.Delete(temp); }
    }
}
