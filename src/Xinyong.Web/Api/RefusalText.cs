using Xinyong.Text;

namespace Xinyong.Web.Api;

/// <summary>A refusal as one Chinese sentence for a page that shows it inline: the message, then each field's reason.</summary>
public static class RefusalText
{
    /// <summary>The refusal's message followed by its per-field errors (the Chinese half of each).</summary>
    public static string Of(Refusal r) => r.Errors.Count == 0
        ? r.Message
        : string.Join("；", new[] { r.Message }.Concat(r.Errors.Select(e => $"{e.Field}：{e.Message.Split(" / ")[0]}")).Select(Punctuation.Clause)) + "。";
}
