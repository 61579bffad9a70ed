using Xinyong.Storage.Content;
using Xinyong.Storage.Statistics;

namespace Xinyong.Web.Features.Portal;

/// <summary>The portal's home page, content sections and site figures: services and the sample content.</summary>
public static class PortalFeature
{
    /// <summary>The actor the sample content is written by.</summary>
    public const string SampleActor = "platform:sample";

    /// <summary>Registers the content store, the site figures and the footer's site identity.</summary>
    public static IServiceCollection AddPortal(this IServiceCollection s, PlatformOptions o)
    {
        s.AddSingleton<ContentStore>();
        s.AddSingleton<SiteFigures>();
        s.AddSingleton<DeskFigures>();
        s.AddSingleton<Xinyong.Storage.Publication.ShuanggongshiSearch>();
        s.AddSingleton<Xinyong.Storage.Collection.BatchHistory>();
        s.AddSingleton<Charts.DashboardCharts>();
        s.AddSingleton(SiteIdentity.From(o.Configuration));
        return s;
    }

    /// <summary>
    /// Loads the sample content pages (<c>sample/content/{section}/*.md</c> in the rules folder: the first line
    /// <c># title</c>, then the Markdown body) when the store has no content page yet. Returns the pages loaded.
    /// </summary>
    public static int LoadSampleContent(IServiceProvider sp)
    {
        var store = sp.GetRequiredService<ContentStore>();
        if (store.Any()) return 0;
        var folder = Path.Combine(sp.GetRequiredService<RulesFolder>().Path, "sample", "content");
        if (!Directory.Exists(folder)) return 0;
        var n = 0;
        foreach (var section in ContentSections.All)
        {
            var dir = Path.Combine(folder, section.Code);
            if (!Directory.Exists(dir)) continue;
            // The last created is shown first: create in reverse file order so that 01 leads the section.
            foreach (var file in Directory.GetFiles(dir, "*.md").OrderByDescending(f => f, StringComparer.Ordinal))
            {
                var (title, body) = Parse(File.ReadAllText(file));
                store.Create(section.Code, title, body, published: true, SampleActor);
                n++;
            }
        }
        return n;
    }

    /// <summary>A sample file's title (its first line, without <c>#</c>) and body (the rest).</summary>
    public static (string Title, string Body) Parse(string text)
    {
        var lines = text.Replace("\r\n", "\n").Split('\n');
        var title = lines[0].TrimStart('#').Trim();
        return (title, string.Join("\n", lines.Skip(1)).Trim() + "\n");
    }
}
