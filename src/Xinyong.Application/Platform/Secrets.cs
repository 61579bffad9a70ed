using System.Security.Cryptography;

namespace Xinyong.Application.Platform;

/// <summary>The platform's secrets, each a file in the keys folder, generated on first start when absent.</summary>
public sealed class Secrets(string directory)
{
    /// <summary>The keys folder.</summary>
    public string Directory { get; } = directory;

    /// <summary>The key of the personal-identifier hash (32 bytes). <c>XINYONG_PID_KEY</c> (base64) overrides the file.</summary>
    public byte[] PersonalIdKey()
    {
        var env = Environment.GetEnvironmentVariable("XINYONG_PID_KEY");
        if (!string.IsNullOrWhiteSpace(env)) return Convert.FromBase64String(env);
        var path = Path.Combine(Directory, "personal-id.key");
        if (File.Exists(path)) return Convert.FromBase64String(File.ReadAllText(path).Trim());
        var key = RandomNumberGenerator.GetBytes(32);
        WriteSecret(path, Convert.ToBase64String(key));
        return key;
    }

    /// <summary>The path of a secret file in the keys folder.</summary>
    public string PathOf(string name) => Path.Combine(Directory, name);

    /// <summary>Writes a secret readable by its owner only.</summary>
    public static void WriteSecret(string path, string content)
    {
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }
}
