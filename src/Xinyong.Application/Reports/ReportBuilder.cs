using Xinyong.Measures;
using Xinyong.Calendar;
using Xinyong.Catalog;
using Xinyong.Identifiers;
using Xinyong.Publication;
using Xinyong.Reports;
using Xinyong.Storage.Accounts;
using Xinyong.Storage.Lists;
using Xinyong.Storage.Publication;
using Xinyong.Storage.Reports;
using Xinyong.Storage.Subjects;
using Xinyong.Application.Publication;
using Xinyong.Application.Platform;
using Xinyong.Text;

namespace Xinyong.Application.Reports;

/// <summary>What a report is stamped with when it is issued.</summary>
/// <param name="ReportNumber">Its number (see <see cref="Xinyong.Reports.ReportNumber"/>).</param>
/// <param name="AsOf">The moment whose information it reflects.</param>
/// <param name="VerifyUrl">Its online verification address (the QR code).</param>
/// <param name="PublicKeyUrl">Where the platform publishes the key that signs it.</param>
/// <param name="KeyId">The signing key's fingerprint.</param>
public sealed record ReportStamp(string ReportNumber, DateTimeOffset AsOf, string VerifyUrl, string PublicKeyUrl, string KeyId);

/// <summary>
/// The sections of a credit report: after the basic information, one section per catalog group
/// (<see cref="CatalogGroup.Section"/>, in the catalog's order, the groups the subject's kind is shown), then
/// 异议标注信息. The titles and their order are the catalog's (<c>groups:</c> of <c>data/catalog/*.yaml</c>).
/// </summary>
public static class ReportSections
{
    /// <summary>The last section: the entries under objection (Art. 39).</summary>
    public const string Objections = "异议标注信息";

    /// <summary>The mark printed beside an entry under objection (Art. 39).</summary>
    public const string ObjectionMark = "异议处理中";

    /// <summary>The titles of a report's sections after the basic information, in print order, for a subject of <paramref name="subjectKind"/> (its code).</summary>
    public static IReadOnlyList<string> Of(CatalogSet catalog, string subjectKind) =>
        [.. catalog.Groups.Where(g => g.Code != CatalogGroup.Basic && g.Shows(subjectKind)).Select(g => g.Section).Distinct(), Objections];

    /// <summary>The section of a catalog group: its <see cref="CatalogGroup.Section"/>; for a group no version declares, the last group's section.</summary>
    public static string OfGroup(CatalogSet catalog, string group) => (catalog.Group(group) ?? catalog.Groups[^1]).Section;

    /// <summary>The section that holds the credit-list entries (the group <see cref="CatalogGroup.Lists"/>).</summary>
    public static string Lists(CatalogSet catalog) => OfGroup(catalog, CatalogGroup.Lists);

    /// <summary>The title of the basic information (the group <see cref="CatalogGroup.Basic"/>).</summary>
    public static string Basic(CatalogSet catalog) => OfGroup(catalog, CatalogGroup.Basic);
}

/// <summary>
/// Builds the <see cref="CreditReportModel"/> of a subject. What a report shows is decided where the portal decides it:
/// <see cref="SubjectViews"/> for records (publication and masking) and <see cref="PublicationRule"/> for list entries. The
/// public version therefore holds exactly what the public sees of the subject, masked; the full version (the subject's
/// own self-query, Art. 24) holds every record and list entry, archived, withheld and revoked ones included, each with
/// its publication status, unmasked.
/// </summary>
public sealed class ReportBuilder(SubjectViews views, RecordReader records, ListQueries lists, AccountStore accounts, CatalogSet catalog, PlatformOptions options)
{
    /// <summary>
    /// The record fields a report leaves out of an entry: they name the subject, which the whole report is about, or give
    /// its division code, which the basic information shows by name (所属地区).
    /// </summary>
    private static readonly HashSet<FieldRole> Omitted =
    [
        FieldRole.SubjectName, FieldRole.SubjectCategory, FieldRole.SubjectUscc, FieldRole.SubjectIdType, FieldRole.SubjectIdNumber,
        FieldRole.SubjectCode, FieldRole.LegalRepresentative, FieldRole.Region,
    ];

    /// <summary>Builds the report of <paramref name="subject"/> in <paramref name="version"/> (<see cref="ReportVersions"/>).</summary>
    public CreditReportModel Build(SubjectRow subject, string version, ReportStamp stamp)
    {
        var full = version switch
        {
            ReportVersions.Public => false,
            ReportVersions.Full => true,
            _ => throw new ArgumentOutOfRangeException(nameof(version), version, "public or full"),
        };
        var today = ChinaTime.DateOf(stamp.AsOf);
        var stored = records.OfSubject(subject.Id);
        var view = views.Of(subject, full ? Audience.Full : Audience.Public, stored, today);
        var byId = stored.ToDictionary(r => r.Id);
        var sources = new SortedSet<string>(StringComparer.Ordinal);
        var units = new Dictionary<string, string>(StringComparer.Ordinal);
        string UnitName(string code) => units.TryGetValue(code, out var n) ? n : units[code] = accounts.Get(code)?.Name ?? code;

        var titles = ReportSections.Of(catalog, subject.Kind);
        var sections = titles.Concat(catalog.Groups.Select(g => g.Section)).Distinct().ToDictionary(t => t, _ => new List<ReportEntry>());
        var listSection = ReportSections.Lists(catalog);
        var objections = sections[ReportSections.Objections];
        var basic = BasicInfo(view);
        foreach (var (listEntry, standing) in lists.OfSubject(subject.Id, today).Select(r => (r.Entry, r)))
        {
            if (!full && !standing.PublicToday) continue;
            var unit = UnitName(listEntry.DecidingUnit);
            sources.Add(unit);
            var entry = ListEntry(listEntry, unit, full);
            sections[listSection].Add(entry);
            if (listEntry.UnderObjection) objections.Add(Objection(entry.Title, listSection, CreditListNames.Chinese(listEntry.List), markedOn: null));
        }
        foreach (var rv in view.Records)
        {
            var r = byId[rv.Id];
            var item = catalog.Item(r.Item)!;
            sources.Add(UnitName(r.Provider));
            if (item.Group == CatalogGroup.Basic)
            {
                basic.AddRange(Fields(item, rv));
                continue;
            }
            var section = ReportSections.OfGroup(catalog, item.Group);
            var entry = RecordEntry(item, rv, r, today, full ? UnitName(r.Provider) : null);
            sections[section].Add(entry);
            if (r.UnderObjection) objections.Add(Objection(entry.Title, section, item.Name, MarkedOn(r.Id)));
        }

        return new CreditReportModel(
            stamp.ReportNumber, stamp.AsOf, options.Name, stamp.VerifyUrl,
            new ReportSubject(view.Name, view.Code, view.KindLabel, basic) { BasicTitle = ReportSections.Basic(catalog) },
            // A group shown to some kinds of subject only (政务诚信, credit regulation Art. 9) is a section of their reports only.
            titles.Select(t => new ReportSection(t, sections[t])).ToList(),
            Notes(stamp, sources, full),
            full);
    }

    private static List<ReportField> BasicInfo(SubjectView view)
    {
        var natural = view.Kind == "natural-person";
        var fields = new List<ReportField>
        {
            new(natural ? "姓名" : "主体名称", view.Name),
            new(natural ? "身份证件号码" : "统一社会信用代码", view.Code),
            new("主体类别", view.KindLabel),
        };
        if (!string.IsNullOrWhiteSpace(view.LegalRepresentative)) fields.Add(new ReportField("法定代表人（负责人）", view.LegalRepresentative));
        if (view.Region is { Length: 6 } code && RegionName(code) is { Length: > 0 } region) fields.Add(new ReportField("所属地区", region));
        return fields;
    }

    /// <summary>A division's full name from province down, e.g. 230102 → 黑龙江省哈尔滨市道里区.</summary>
    private static string RegionName(string code) =>
        string.Concat(new[] { code[..2] + "0000", code[..4] + "00", code }.Distinct().Select(Divisions.NameOf).OfType<string>());

    /// <summary>A record's fields as the audience sees them, in catalog order, without empty ones and those naming the subject.</summary>
    private static IEnumerable<ReportField> Fields(CatalogItem item, RecordView rv) =>
        item.Fields
            .Where(f => !Omitted.Contains(f.Role))
            .Select(f => rv.Fields.TryGetValue(f.Code, out var v) && !string.IsNullOrWhiteSpace(v) ? new ReportField(f.Label, v) : null)
            .OfType<ReportField>();

    /// <param name="item">The record's catalog item.</param>
    /// <param name="rv">The record as the audience sees it.</param>
    /// <param name="r">The stored record.</param>
    /// <param name="today">The report's date.</param>
    /// <param name="provider">For the full version, the name of the unit that sent the record; null for the public version.</param>
    private ReportEntry RecordEntry(CatalogItem item, RecordView rv, StoredRecord r, DateOnly today, string? provider)
    {
        var number = item.FieldWith(FieldRole.DecisionNumber) is { } d && rv.Fields.TryGetValue(d.Code, out var n) && !string.IsNullOrWhiteSpace(n) ? n : null;
        var fields = new List<ReportField>();
        if (item.Name != ReportSections.OfGroup(catalog, item.Group)) fields.Add(new ReportField("信息类别", item.Name));
        fields.AddRange(Fields(item, rv));
        var shownUntil = item.FieldWith(FieldRole.PublicUntil) is { } pu && rv.Fields.TryGetValue(pu.Code, out var u) && !string.IsNullOrWhiteSpace(u);
        if (r.PublicUntil is { } until && !shownUntil) fields.Add(new ReportField("公示截止日期", ReportFormat.Date(until)));
        if (provider is not null)
        {
            // Art. 35: the subject may know the sources of its report's information and their changes.
            fields.Add(new ReportField("公示状态", Status(r, rv, today)));
            fields.Add(new ReportField("报送单位", $"{provider}（{ReportFormat.Date(ChinaTime.DateOf(r.ReceivedAt))}报送）"));
            fields.Add(new ReportField("变动情况", Changes(r.Id)));
        }
        return new ReportEntry(number ?? item.Name, fields, r.UnderObjection ? ReportSections.ObjectionMark : null);
    }

    /// <summary>
    /// A record's history in one line, oldest first: every earlier version with why it was replaced (resubmission,
    /// correction, revocation), then every other event (objection marks, publication withheld or restored).
    /// </summary>
    private string Changes(long recordId)
    {
        var changes = records.Versions(recordId)
            .Select(v => (At: v.SupersededAt, Text: $"变更（第{v.Version}版→第{v.Version + 1}版）：{ChinesePart(v.Reason) ?? "内容更新"}"))
            .Concat(records.Events(recordId)
                .Where(e => e.Kind is not ("corrected" or "revoked"))   // these replaced a version: listed above with their reason
                .Select(e => (e.At, Text: e.Kind switch
                {
                    "objection-marked" => "加注异议标注",
                    "objection-mark-removed" => "解除异议标注",
                    "restored" => "恢复公示" + (ChinesePart(e.Detail) is { } d ? "：" + d : ""),
                    _ => ChinesePart(e.Detail) ?? e.Kind,
                })))
            .OrderBy(c => c.At)
            .Select(c => $"{ReportFormat.Date(ChinaTime.DateOf(c.At))} {Punctuation.Clause(c.Text)}")
            .ToList();
        return changes.Count == 0 ? "无" : string.Join("；", changes);
    }

    /// <summary>The Chinese part of a bilingual text written "中文 / English"; the whole text when it has no such part.</summary>
    private static string? ChinesePart(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null : text.Split(" / ", 2)[0].Trim();

    /// <summary>Why a record is or is not public, for the full version (Art. 37, 38, 40).</summary>
    private static string Status(StoredRecord r, RecordView rv, DateOnly today) =>
        rv.Public ? "公示中"
        : r.Status == RecordStatus.Revoked ? "已撤销（认定依据被撤销或变更，第三十八条）"
        : r.Status == RecordStatus.Archived || PublicationRule.PeriodEnded(r.PublicUntil, today) ? "已归档（公示期满，不再公示，第三十七条）"
        : r.Withheld && rv.Nature == "negative" ? "已修复（信用修复完成，停止公示，第四十条）"
        : r.Withheld ? "不予公示（信用主体申请不公示，第三十七条）"
        : "不公开（有条件开放信息，第二十三条）";

    private static ReportEntry ListEntry(ListEntry e, string unit, bool full)
    {
        var fields = new List<ReportField>
        {
            new("名单类别", CreditListNames.Chinese(e.List)),
            new("认定单位", unit),
            new("认定决定书文号", e.DecisionNo),
            new(e.List == CreditListNames.Dishonesty ? "失信行为" : "认定标准", e.Grounds),
            new("认定理由", e.Reasons),
            new("认定依据", e.Basis),
            new("列入日期", ReportFormat.Date(e.StartsOn)),
            new("有效期至", e.EndsOn is { } end ? ReportFormat.Date(end) : "至移出之日"),
        };
        if (!string.IsNullOrWhiteSpace(e.RemovalConditions)) fields.Add(new ReportField("移出条件", e.RemovalConditions));
        if (!string.IsNullOrWhiteSpace(e.Remedy)) fields.Add(new ReportField("救济途径", e.Remedy));
        if (full)
            fields.Add(new ReportField("名单状态",
                e.Status != ListEntryStatus.Active ? $"已移出（{CreditListNames.EndReason(e.EndReason ?? "expired")}）" : e.Published ? "有效" : "有效，信用主体申请不公示（第三十七条）"));
        return new ReportEntry(e.DecisionNo, fields.Where(f => !string.IsNullOrWhiteSpace(f.Value)).ToList(), e.UnderObjection ? ReportSections.ObjectionMark : null);
    }

    private static ReportEntry Objection(string title, string section, string kind, DateOnly? markedOn)
    {
        var fields = new List<ReportField> { new("所在部分", section), new("信息类别", kind), new("异议信息", title) };
        if (markedOn is { } d) fields.Add(new ReportField("标注日期", ReportFormat.Date(d)));
        fields.Add(new ReportField("处理状态", "异议处理中：异议处理期间该信息加注异议标注，处理结果以平台公示为准（第三十九条）"));
        return new ReportEntry($"{kind} {title}", fields);
    }

    /// <summary>When the record's current objection mark was set (the latest objection-marked event), in Beijing time.</summary>
    private DateOnly? MarkedOn(long recordId) =>
        records.Events(recordId).LastOrDefault(e => e.Kind == "objection-marked") is { } e ? ChinaTime.DateOf(e.At) : null;

    private List<string> Notes(ReportStamp stamp, IReadOnlyCollection<string> sources, bool full)
    {
        var current = catalog.Current;
        var notes = new List<string>
        {
            sources.Count > 0
                ? $"信息来源：本报告所列信息由{string.Join("、", sources)}报送或认定，由{options.Name}依照{current.PublishedBy}公布的公共信用信息目录（{current.Version}版）归集，反映截至{ReportFormat.Beijing(stamp.AsOf)}的情况。"
                : $"信息来源：截至{ReportFormat.Beijing(stamp.AsOf)}，{options.Name}依照公共信用信息目录（{current.Version}版）未归集到该信用主体{(full ? "" : "可公示")}的公共信用信息。",
            full
                ? "本报告为完整版，依照《黑龙江省社会信用条例》第二十四条、第三十五条供信用主体本人查询：载有公示期满已归档（第三十七条）、不予公示和已撤销的信息，每条信息注明公示状态；个人信息未脱敏，请妥善保管，勿作公开使用。"
                : "未展示的信息：依照《黑龙江省社会信用条例》第三十七条，公示期限届满的失信信息已转为档案保存，不再公示，不在本报告中展示；信用主体申请不公示的守信信息、经信用修复停止公示的信息、已撤销的信息和有条件开放的信息（第二十三条）也不在本报告中展示。自然人的姓名、身份证件号码等个人信息已脱敏处理。",
            $"标注“{ReportSections.ObjectionMark}”的信息正在异议处理期间（第三十九条），处理结果以平台公示为准。",
            $"核验方式：扫描封面二维码或访问 {stamp.VerifyUrl} 在线核验报告是否由本平台出具及其载明事项，并可上传报告文件核对是否被改动；也可下载平台公钥 {stamp.PublicKeyUrl}（密钥指纹 {stamp.KeyId}），使用 xinyong report verify 命令离线验证报告末尾的数字签名。报告文件的任何改动都会使核验失败。",
        };
        return notes;
    }

}
