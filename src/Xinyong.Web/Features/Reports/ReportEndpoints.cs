using System.Text;
using Microsoft.AspNetCore.Http.Features;
using Xinyong.Collection;
using Xinyong.Identifiers;
using Xinyong.Reports;
using Xinyong.Storage.Reports;

namespace Xinyong.Web.Features.Reports;

/// <summary>What the register says of a report, as the API answers it.</summary>
/// <param name="Valid">Always true: the platform issued a report with this number.</param>
/// <param name="ReportNo">The report number.</param>
/// <param name="Subject">Whom it is about.</param>
/// <param name="AsOf">The moment whose information it reflects.</param>
/// <param name="Version">public or full.</param>
/// <param name="IssuedAt">When it was issued.</param>
/// <param name="Sha256">The SHA-256 of the signed file as issued.</param>
/// <param name="KeyId">The fingerprint of the key that signed it.</param>
/// <param name="Sections">The sections printed and how many entries each holds.</param>
/// <param name="VerifyUrl">Its verification address (the QR code's content).</param>
public sealed record ReportInfo(
    bool Valid, string ReportNo, ReportSubjectInfo Subject, DateTimeOffset AsOf, string Version, DateTimeOffset IssuedAt, string Sha256,
    string KeyId, IReadOnlyList<SectionCount> Sections, string VerifyUrl)
{
    /// <summary>The answer for a register entry; a natural person's name is always masked (Art. 23).</summary>
    public static ReportInfo Of(IssuedReport r, PlatformAddress address)
    {
        var natural = r.SubjectKind == "natural-person";
        var kind = Xinyong.Subjects.SubjectKinds.FromCode(r.SubjectKind);
        return new ReportInfo(true, r.ReportNo,
            new ReportSubjectInfo(r.SubjectRef, natural ? Masking.MaskName(r.SubjectName) : r.SubjectName, r.SubjectCode, r.SubjectKind,
                kind is { } k ? Xinyong.Subjects.SubjectKinds.Chinese(k) : r.SubjectKind),
            r.AsOf, r.Version, r.IssuedAt, r.Sha256, r.KeyId, r.Sections, address.VerifyUrl(r.ReportNo));
    }
}

/// <summary>The subject of a report, as the API shows it.</summary>
/// <param name="Ref">The public reference (USCC, or P + 16 hex for a natural person).</param>
/// <param name="Name">The name as printed (a natural person's masked).</param>
/// <param name="Code">The USCC, or the masked identity number.</param>
/// <param name="Kind">legal-person, natural-person …</param>
/// <param name="KindLabel">法人, 自然人 …</param>
public sealed record ReportSubjectInfo(string Ref, string Name, string Code, string Kind, string KindLabel);

/// <summary>The answer to an uploaded report file.</summary>
/// <param name="Valid">True only when the file is an unaltered report issued by this platform.</param>
/// <param name="Status">valid, not-registered, no-signature, signature-damaged, content-changed, signed-by-another-key or signature-invalid.</param>
/// <param name="Reason">Why, in Chinese.</param>
/// <param name="ReportNo">The report number the file claims, when readable.</param>
/// <param name="Sha256">The SHA-256 of the uploaded file.</param>
/// <param name="Report">The register's entry of the claimed number, when there is one.</param>
public sealed record VerifyAnswer(bool Valid, string Status, string Reason, string? ReportNo, string Sha256, ReportInfo? Report);

/// <summary>
/// Credit reports: <c>GET /api/v1/subjects/{code}/report.pdf</c> (public version),
/// <c>GET /self/report.pdf</c> (the signed-in subject's full version), <c>GET /api/v1/reports/{reportNo}</c> (the register),
/// <c>POST /api/v1/reports/verify</c> (an uploaded file) and <c>GET /.well-known/xinyong-report-key</c> (the public key).
/// </summary>
public static class ReportEndpoints
{
    /// <summary>The largest file <c>POST /api/v1/reports/verify</c> accepts (reports are far smaller).</summary>
    public const long MaxUploadBytes = 32L << 20;

    /// <summary>Maps the endpoints.</summary>
    public static void Map(WebApplication app)
    {
        app.MapGet("/api/v1/subjects/{code}/report.pdf", (string code, SubjectStore subjects, ReportIssuer issuer, HttpContext http) =>
        {
            var s = subjects.GetByCode(code);
            return Pdf(http, issuer.Issue(s, ReportVersions.Public, "public", "web"));
        })
        .RequireRateLimiting(Publication.PublicRateLimit.Policy)
        .WithTags("Reports")
        .RequireRule(AccessRules.Public)
        .WithSummary("The public credit report of a subject (PDF), free of charge; limited per client like public search (anti-scraping)")
        .WithDescription("Issues, signs and registers a new report of what the public sees of the subject (masked for natural persons). The X-Report-Number header carries its number. code: a USCC, a resident identity number or a subject reference (P…). 400 for an invalid code, 404 for an unknown subject.")
        .ProducesFile("application/pdf")
        .ProducesProblem(StatusCodes.Status400BadRequest)
        .ProducesProblem(StatusCodes.Status404NotFound);

        app.MapGet("/self/report.pdf", (HttpContext http, SubjectStore subjects, ReportIssuer issuer) =>
            http.SubjectIdOf() is { } id && subjects.Get(id) is { } s
                ? Pdf(http, issuer.Issue(s, ReportVersions.Full, $"subject:{s.Ref}", "self"))
                : throw Refusal.NotFound("subject.signed-out", "找不到已登录的信用主体"))
        .RequireAuthorization(Policies.Subject)
        .RequireRule(AccessRules.Subject)
        .ExcludeFromDescription();

        app.MapGet("/api/v1/reports/{reportNo}", (string reportNo, ReportRegistry registry, PlatformAddress address) =>
        {
            var number = reportNo.Trim().ToUpperInvariant();
            if (!ReportNumber.IsValid(number))
                throw Refusal.Invalid("report.invalid-number", "报告编号格式不正确",
                    [new FieldError("reportNo", "format", "报告编号为XY、8位日期和10位字符，共20位")]);
            return registry.Get(number) is { } r
                ? Results.Json(ReportInfo.Of(r, address), ApiJson.Options)
                : throw Refusal.NotFound("report.not-found", $"平台没有出具过编号为“{number}”的信用报告");
        })
        .WithTags("Reports")
        .RequireRule(AccessRules.Public)
        .WithSummary("Whether a report exists and what it certifies")
        .WithDescription("The register's entry of a report number: subject, as-of moment, version, SHA-256 of the signed file, signing key, sections. 404 if the platform issued no such report.")
        .Produces<ReportInfo>()
        .ProducesProblem(StatusCodes.Status400BadRequest)
        .ProducesProblem(StatusCodes.Status404NotFound);

        app.MapPost("/api/v1/reports/verify", async (HttpRequest request, ReportChecker checker, PlatformAddress address) =>
        {
            var upload = await ReadUpload(request);
            if (upload.Error is { } error)
                return Problems.Of(upload.Status, upload.Status == StatusCodes.Status413PayloadTooLarge ? "文件过大" : RefusalHandler.TitleOf(RefusalKind.Invalid),
                    error.Message, new[] { error });
            var c = checker.Check(upload.Bytes!);
            return Results.Json(new VerifyAnswer(c.Valid, c.Status, c.Reason, c.ReportNo, c.Sha256, c.Registered is { } r ? ReportInfo.Of(r, address) : null), ApiJson.Options);
        })
        .WithTags("Reports")
        .RequireRule(AccessRules.Public)
        .WithSummary("Whether a PDF file is an unaltered report issued by this platform")
        .WithMetadata(new BodyLimitAttribute(BodySize.Upload))
        .WithDescription("multipart/form-data with the field file. Checks the signature with the platform key and looks the file's SHA-256 up in the register. Answers valid, status, reason (Chinese), reportNo, sha256 and the register's entry of the claimed report number.")
        .Accepts<IFormFile>("multipart/form-data")
        .Produces<VerifyAnswer>()
        .ProducesProblem(StatusCodes.Status400BadRequest)
        .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
        .DisableAntiforgery();

        app.MapGet(PlatformAddress.PublicKeyPath, (ReportSigningKey key, HttpContext http) =>
        {
            http.Response.Headers["X-Key-Id"] = key.KeyId;
            http.Response.Headers.CacheControl = "public, max-age=3600";
            return Results.Text(PublicKeyText(key), "text/plain; charset=utf-8", Encoding.UTF8);
        })
        .WithTags("Reports")
        .RequireRule(AccessRules.Public)
        .WithSummary("The public key that signs credit reports (SPKI PEM), for offline verification")
        .WithDescription("A PEM file: two lines naming the algorithm (ES256) and the key ID (SHA-256 of the SPKI), then the PUBLIC KEY block. The key ID is also in the X-Key-Id header. Use it with: xinyong report verify FILE.pdf --key FILE.pem")
        .Produces<string>(StatusCodes.Status200OK, "text/plain");
    }

    /// <summary>The published key file: explanatory lines (ignored by PEM readers), then the SPKI PEM.</summary>
    public static string PublicKeyText(ReportSigningKey key) =>
        $"Xinyong credit report signing key, ES256 (ECDSA P-256 with SHA-256)\nKey ID: {key.KeyId}\n{key.PublicKeyPem}\n";

    /// <summary>The uploaded report file of a request (multipart field <c>file</c>), or why there is none.</summary>
    /// <param name="Bytes">The file's bytes, or null.</param>
    /// <param name="Status">200, or 400 / 413 with <paramref name="Error"/>.</param>
    /// <param name="Error">What is wrong with the upload, naming the field.</param>
    public sealed record Upload(byte[]? Bytes, int Status, FieldError? Error);

    /// <summary>Reads the multipart field <c>file</c> of a request (at most <see cref="MaxUploadBytes"/>).</summary>
    public static async Task<Upload> ReadUpload(HttpRequest request)
    {
        static Upload Fail(int status, string code, string zh) => new(null, status, new FieldError("file", code, zh));
        var tooLarge = Fail(StatusCodes.Status413PayloadTooLarge, "too-large",
            $"信用报告文件不超过{MaxUploadBytes >> 20} MB");
        if (!request.HasFormContentType)
            return Fail(StatusCodes.Status400BadRequest, "multipart", "须以multipart/form-data上传报告文件");
        var limit = MaxUploadBytes + 64 * 1024;   // room for the multipart framing
        if (request.ContentLength > limit) return tooLarge;
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature) feature.MaxRequestBodySize = limit;
        IFormCollection form;
        try { form = await request.ReadFormAsync(); }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge) { return tooLarge; }
        catch (Exception e) when (e is InvalidDataException or BadHttpRequestException)
        {
            return Fail(StatusCodes.Status400BadRequest, "unreadable", "无法读取上传内容");
        }
        var file = form.Files.GetFile("file");
        if (file is null || file.Length == 0)
            return Fail(StatusCodes.Status400BadRequest, "required", "请上传PDF格式的信用报告文件");
        if (file.Length > MaxUploadBytes) return tooLarge;
        using var buffer = new MemoryStream((int)file.Length);
        await file.CopyToAsync(buffer);
        return new Upload(buffer.ToArray(), StatusCodes.Status200OK, null);
    }

    private static IResult Pdf(HttpContext http, IssuedReportFile f)
    {
        http.Response.Headers["X-Report-Number"] = f.Record.ReportNo;
        http.Response.Headers.CacheControl = "no-store";
        return Results.File(f.Pdf, "application/pdf", $"公共信用信息报告-{f.Record.ReportNo}.pdf");
    }
}
