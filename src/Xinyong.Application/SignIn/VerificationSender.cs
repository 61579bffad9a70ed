using System.Text.Json;

namespace Xinyong.Application.SignIn;

/// <summary>
/// Sends a verification code to a phone (SMS) or a mailbox at once. Pluggable: a deployment registers its SMS gateway
/// or mail server in place of <see cref="FileVerificationSender"/>. A verification code is not a platform message: it
/// is not kept in the outbox, and only its hash is stored.
/// </summary>
public interface IVerificationSender
{
    /// <summary>Sends <paramref name="text"/> to <paramref name="address"/> over <paramref name="channel"/> (<c>phone</c> or <c>mail</c>); throws when it could not.</summary>
    void Send(string channel, string address, string text);
}

/// <summary>
/// The development sender: appends each message as a JSON line (<c>at</c>, <c>channel</c>, <c>address</c>, <c>text</c>)
/// to a file under the data directory (<c>messages/verification.jsonl</c> beside the keys folder), where a developer or a
/// test reads the code. Not for production: the platform logs a warning at start while it is in use.
/// </summary>
public sealed class FileVerificationSender(string path, TimeProvider clock) : IVerificationSender
{
    private readonly Lock _gate = new();

    /// <summary>The file the messages go to.</summary>
    public string Path { get; } = path;

    /// <inheritdoc />
    public void Send(string channel, string address, string text)
    {
        var line = JsonSerializer.Serialize(new { at = clock.GetUtcNow(), channel, address, text }, new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        lock (_gate)
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
            File.AppendAllText(Path, line + "\n");
        }
    }
}
