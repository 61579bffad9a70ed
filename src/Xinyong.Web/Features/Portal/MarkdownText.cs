using Markdig;
using Markdig.Renderers;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using Microsoft.AspNetCore.Html;

namespace Xinyong.Web.Features.Portal;

/// <summary>
/// Content pages' Markdown to HTML (Markdig, CommonMark with tables and automatic links). Raw HTML in the text is shown
/// as text, never rendered, and a link or image may only point to http(s), mail or an address on the site: staff write
/// the pages, the public reads them, and the security policy allows no inline script or style.
/// </summary>
public static class MarkdownText
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().DisableHtml().UsePipeTables().UseAutoLinks().Build();

    /// <summary>The HTML of a Markdown text.</summary>
    public static HtmlString Render(string markdown)
    {
        var doc = Markdig.Markdown.Parse(markdown ?? "", Pipeline);
        foreach (var link in doc.Descendants<LinkInline>())
            if (!SafeUrl(link.Url)) link.Url = "#";
        foreach (var link in doc.Descendants<AutolinkInline>())
            if (!SafeUrl(link.Url)) link.Url = "#";
        using var w = new StringWriter();
        var r = new HtmlRenderer(w);
        Pipeline.Setup(r);
        r.Render(doc);
        w.Flush();
        return new HtmlString(w.ToString());
    }

    /// <summary>The first paragraph of a text as plain text, cut to <paramref name="max"/> characters (for lists).</summary>
    public static string Summary(string markdown, int max = 80)
    {
        var doc = Markdig.Markdown.Parse(markdown ?? "", Pipeline);
        var para = doc.Descendants<ParagraphBlock>().FirstOrDefault();
        if (para?.Inline is null) return "";
        var text = string.Concat(para.Inline.Descendants<LiteralInline>().Select(l => l.Content.ToString())).Trim();
        return text.Length <= max ? text : text[..max] + "……";
    }

    /// <summary>An address a content page may link to: on the site (starting with / or #), http(s) or mailto.</summary>
    public static bool SafeUrl(string? url)
    {
        if (string.IsNullOrWhiteSpace(url)) return true;
        var u = url.Trim();
        if (u.StartsWith("//", StringComparison.Ordinal)) return false;
        if (u.StartsWith('/') || u.StartsWith('#')) return true;
        return u.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || u.StartsWith("http://", StringComparison.OrdinalIgnoreCase)
            || u.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase);
    }
}
