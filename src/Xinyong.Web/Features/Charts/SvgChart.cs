using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Html;

namespace Xinyong.Web.Features.Charts;

/// <summary>How a chart draws its series.</summary>
public enum ChartKind
{
    /// <summary>Bars side by side in each category.</summary>
    Bars,
    /// <summary>The series stacked in one bar per category.</summary>
    Stacked,
    /// <summary>One line per series (many categories, such as days).</summary>
    Lines,
}

/// <summary>One series of a chart: a name (the legend) and one value per category.</summary>
public sealed record ChartSeries(string Name, IReadOnlyList<double> Values);

/// <summary>A chart: its title, the categories along the horizontal axis, the series, how it draws them, and whether the values are rates (0-1, shown as %).</summary>
public sealed record Chart(string Id, string Title, IReadOnlyList<string> Categories, IReadOnlyList<ChartSeries> Series, ChartKind Kind = ChartKind.Bars, bool Percent = false)
{
    /// <summary>The first column's heading in the data table.</summary>
    public string CategoryHeading { get; init; } = "类别";
}

/// <summary>
/// The one chart helper of the portal: a chart as server-rendered SVG (no JavaScript; printable: plain strokes and
/// fills, text as text) followed by its data table one click away (a <c>details</c> element, open when printed).
/// Colours are presentation attributes, never <c>style</c> attributes (the security policy forbids inline styles).
/// </summary>
public static class SvgChart
{
    /// <summary>The series colours, distinguishable in colour and in greyscale print.</summary>
    public static readonly string[] Palette = ["#b71c1c", "#1565c0", "#2e7d32", "#ef6c00", "#6a1b9a", "#00838f", "#5d4037", "#757575"];

    private const int Width = 600, Height = 290, Left = 56, Right = 12, Top = 14, Bottom = 70;

    /// <summary>The chart's figure: the SVG, its legend and its data table.</summary>
    public static IHtmlContent Render(Chart chart)
    {
        var sb = new StringBuilder();
        var id = Enc(chart.Id);
        sb.Append($"<figure class=\"chart\" id=\"chart-{id}\">");
        sb.Append($"<figcaption>{Enc(chart.Title)}</figcaption>");
        if (chart.Categories.Count == 0 || chart.Series.Count == 0 || chart.Series.All(s => s.Values.All(v => v == 0)))
            sb.Append("<p class=\"muted chart-empty\">暂无数据。</p>");
        else
            sb.Append(Svg(chart));
        sb.Append(Legend(chart));
        sb.Append(Table(chart));
        sb.Append("</figure>");
        return new HtmlString(sb.ToString());
    }

    /// <summary>The SVG alone.</summary>
    public static string Svg(Chart chart)
    {
        var n = chart.Categories.Count;
        var max = chart.Kind == ChartKind.Stacked
            ? Enumerable.Range(0, n).Select(i => chart.Series.Sum(s => s.Values[i])).DefaultIfEmpty(0).Max()
            : chart.Series.SelectMany(s => s.Values).DefaultIfEmpty(0).Max();
        var top = chart.Percent ? Math.Max(1.0, max) : NiceTop(max);
        var plotW = Width - Left - Right;
        var plotH = Height - Top - Bottom;
        double Y(double v) => Top + plotH - v / top * plotH;
        var sb = new StringBuilder();
        sb.Append($"<svg class=\"chart-svg\" viewBox=\"0 0 {Width} {Height}\" width=\"100%\" role=\"img\" aria-label=\"{Enc(chart.Title)}\" xmlns=\"http://www.w3.org/2000/svg\">");
        // Grid and the value axis: five steps.
        for (var k = 0; k <= 4; k++)
        {
            var v = top * k / 4;
            var y = F(Y(v));
            sb.Append($"<line x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{y}\" y2=\"{y}\" stroke=\"#d8dee4\" stroke-width=\"1\"/>");
            sb.Append($"<text x=\"{Left - 6}\" y=\"{y}\" dy=\"4\" text-anchor=\"end\" font-size=\"14\" fill=\"#5f6b7a\">{Enc(Value(v, chart.Percent))}</text>");
        }
        sb.Append($"<line x1=\"{Left}\" x2=\"{Left}\" y1=\"{Top}\" y2=\"{Top + plotH}\" stroke=\"#1f2328\" stroke-width=\"1\"/>");
        sb.Append($"<line x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{Top + plotH}\" y2=\"{Top + plotH}\" stroke=\"#1f2328\" stroke-width=\"1\"/>");
        var band = (double)plotW / n;
        // Category labels: at most about 12 along the axis, so that they never overlap.
        var every = Math.Max(1, (int)Math.Ceiling(n / 12.0));
        for (var i = 0; i < n; i++)
        {
            if (i % every != 0 && i != n - 1) continue;
            var x = F(Left + band * (i + 0.5));
            var label = chart.Categories[i];
            if (label.Length > 7) label = label[..6] + "…";
            var rotate = n > 6 ? $" transform=\"rotate(-35 {x} {Top + plotH + 14})\" text-anchor=\"end\"" : " text-anchor=\"middle\"";
            sb.Append($"<text x=\"{x}\" y=\"{Top + plotH + 14}\" dy=\"4\" font-size=\"14\" fill=\"#1f2328\"{rotate}>{Enc(label)}</text>");
        }
        switch (chart.Kind)
        {
            case ChartKind.Lines:
                for (var s = 0; s < chart.Series.Count; s++)
                {
                    var colour = Palette[s % Palette.Length];
                    var points = string.Join(" ", chart.Series[s].Values.Select((v, i) => $"{F(Left + band * (i + 0.5))},{F(Y(v))}"));
                    sb.Append($"<polyline class=\"series\" data-series=\"{s}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"2\" points=\"{points}\"/>");
                    if (n <= 40)
                        for (var i = 0; i < n; i++)
                            sb.Append($"<circle cx=\"{F(Left + band * (i + 0.5))}\" cy=\"{F(Y(chart.Series[s].Values[i]))}\" r=\"2.5\" fill=\"{colour}\"><title>{Enc(Tip(chart, s, i))}</title></circle>");
                }
                break;
            case ChartKind.Stacked:
                for (var i = 0; i < n; i++)
                {
                    double sum = 0;
                    var w = band * 0.7;
                    var x = Left + band * i + (band - w) / 2;
                    for (var s = 0; s < chart.Series.Count; s++)
                    {
                        var v = chart.Series[s].Values[i];
                        if (v <= 0) continue;
                        var y1 = Y(sum + v);
                        sb.Append($"<rect class=\"bar\" data-series=\"{s}\" x=\"{F(x)}\" y=\"{F(y1)}\" width=\"{F(w)}\" height=\"{F(Y(sum) - y1)}\" fill=\"{Palette[s % Palette.Length]}\"><title>{Enc(Tip(chart, s, i))}</title></rect>");
                        sum += v;
                    }
                }
                break;
            default:
                var m = chart.Series.Count;
                for (var i = 0; i < n; i++)
                {
                    var groupW = band * 0.8;
                    var w = groupW / m;
                    for (var s = 0; s < m; s++)
                    {
                        var v = chart.Series[s].Values[i];
                        var x = Left + band * i + (band - groupW) / 2 + w * s;
                        var y = Y(v);
                        sb.Append($"<rect class=\"bar\" data-series=\"{s}\" x=\"{F(x)}\" y=\"{F(y)}\" width=\"{F(Math.Max(1, w - 1))}\" height=\"{F(Top + plotH - y)}\" fill=\"{Palette[s % Palette.Length]}\"><title>{Enc(Tip(chart, s, i))}</title></rect>");
                    }
                }
                break;
        }
        sb.Append("</svg>");
        return sb.ToString();
    }

    private static string Legend(Chart chart)
    {
        if (chart.Series.Count < 2) return "";
        var sb = new StringBuilder("<ul class=\"chart-legend\">");
        for (var s = 0; s < chart.Series.Count; s++)
            sb.Append($"<li><svg width=\"12\" height=\"12\" aria-hidden=\"true\"><rect width=\"12\" height=\"12\" fill=\"{Palette[s % Palette.Length]}\"/></svg>{Enc(chart.Series[s].Name)}</li>");
        return sb.Append("</ul>").ToString();
    }

    /// <summary>The data table, one click away: categories down, series across.</summary>
    private static string Table(Chart chart)
    {
        var sb = new StringBuilder();
        sb.Append($"<details class=\"chart-data\"><summary>查看数据表</summary><div class=\"table-scroll\"><table class=\"chart-table\" data-chart=\"{Enc(chart.Id)}\"><thead><tr><th>{Enc(chart.CategoryHeading)}</th>");
        foreach (var s in chart.Series) sb.Append($"<th>{Enc(s.Name)}</th>");
        sb.Append("</tr></thead><tbody>");
        for (var i = 0; i < chart.Categories.Count; i++)
        {
            sb.Append($"<tr><td>{Enc(chart.Categories[i])}</td>");
            foreach (var s in chart.Series) sb.Append($"<td class=\"num\">{Enc(Value(s.Values[i], chart.Percent, exact: true))}</td>");
            sb.Append("</tr>");
        }
        return sb.Append("</tbody></table></div></details>").ToString();
    }

    private static string Tip(Chart chart, int s, int i) => $"{chart.Categories[i]} {chart.Series[s].Name}：{Value(chart.Series[s].Values[i], chart.Percent, exact: true)}";

    /// <summary>A value as a person reads it: a count with thousands separators, or a rate as a percentage.</summary>
    public static string Value(double v, bool percent, bool exact = false) => percent
        ? (v * 100).ToString(exact ? "0.0" : "0", CultureInfo.InvariantCulture) + "%"
        : v.ToString(v == Math.Floor(v) ? "N0" : "N1", CultureInfo.InvariantCulture);

    /// <summary>A round top of the value axis at or above <paramref name="max"/> (1, 2, 2.5 or 5 times a power of ten).</summary>
    public static double NiceTop(double max)
    {
        if (max <= 0) return 1;
        if (max <= 4) return 4;
        var p = Math.Pow(10, Math.Floor(Math.Log10(max)));
        foreach (var m in new[] { 1, 2, 2.5, 4, 5, 8, 10 })
            if (m * p >= max) return m * p;
        return 10 * p;
    }

    private static string F(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);

    private static string Enc(string s) => WebUtility.HtmlEncode(s);
}
