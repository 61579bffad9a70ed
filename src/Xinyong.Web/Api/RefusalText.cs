using Xinyong.Text;

namespace Xinyong.Web.Api;

/// <summary>A refusal as one Chinese sentence for a page that shows it inline: the message, then each field's reason.</summary>
public static class RefusalText
{
    /// <summary>The refusal's message followed by its per-field errors (the Chinese half of each; a field is named only by
    /// a Chinese label, never by its internal name — each reason names what it is about).</summary>
    public static string Of(Refusal r) => r.Errors.Count == 0
        ? r.Message.Split(" / ")[0]
        : string.Join("；", new[] { r.Message.Split(" / ")[0] }.Concat(r.Errors.Select(e => (IsInternal(e.Field) ? "" : $"{e.Field}：") + e.Message.Split(" / ")[0])).Select(Punctuation.Clause)) + "。";

    private static bool IsInternal(string field) => field.Any(char.IsAsciiLetter);
}
