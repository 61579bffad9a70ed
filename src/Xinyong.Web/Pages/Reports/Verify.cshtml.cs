using Xinyong.Reports;
using Xinyong.Storage.Reports;
using Xinyong.Web.Features.Reports;

namespace Xinyong.Web.Pages.Reports;

/// <summary>
/// The verification page a report's QR code opens (<c>/verify/{reportNo}</c>): whether the platform issued the report and
/// what it certifies; a form to look a number up; a form to upload a file and check that it is the report as issued.
/// </summary>
[BodyLimit(BodySize.Upload)]
[AccessRule(AccessRules.Public)]
public sealed class VerifyModel(ReportRegistry registry, ReportChecker checker, PlatformAddress address, ReportSigningKey key) : PageModel
{
    /// <summary>The report number from the address or the look-up form.</summary>
    [BindProperty(SupportsGet = true)]
    public string? ReportNo { get; set; }

    /// <summary>The register's entry of <see cref="ReportNo"/>, when the platform issued it.</summary>
    public ReportInfo? Info { get; private set; }

    /// <summary>True when a well-formed number was looked up.</summary>
    public bool LookedUp { get; private set; }

    /// <summary>What is wrong with the input, for the visitor.</summary>
    public string? Error { get; private set; }

    /// <summary>The outcome of checking an uploaded file.</summary>
    public ReportCheck? Check { get; private set; }

    /// <summary>The register's entry of the number an uploaded file claims.</summary>
    public ReportInfo? Claimed { get; private set; }

    /// <summary>The signing key's fingerprint.</summary>
    public string KeyId => key.KeyId;

    /// <summary>Where the public key is published.</summary>
    public string PublicKeyUrl => address.PublicKeyUrl;

    /// <summary>Looks the number up.</summary>
    public void OnGet() => LookUp();

    /// <summary>Checks an uploaded file, then looks the number in the address up.</summary>
    public async Task<IActionResult> OnPostAsync()
    {
        var upload = await ReportEndpoints.ReadUpload(Request);
        if (upload.Error is { } e)
        {
            Error = e.Message.Split(" / ")[0];   // the page shows the Chinese half only
            Response.StatusCode = upload.Status;
        }
        else
        {
            Check = checker.Check(upload.Bytes!);
            Claimed = Check.Registered is { } r ? ReportInfo.Of(r, address) : null;
        }
        LookUp();
        return Page();
    }

    private void LookUp()
    {
        if (string.IsNullOrWhiteSpace(ReportNo)) return;
        ReportNo = ReportNo.Trim().ToUpperInvariant();
        if (!ReportNumber.IsValid(ReportNo))
        {
            Error ??= $"“{ReportNo}”不是有效的报告编号：报告编号为XY、8位日期和10位字符，共20位。";
            return;
        }
        LookedUp = true;
        Info = registry.Get(ReportNo) is { } r ? ReportInfo.Of(r, address) : null;
        if (Info is null && Check is null) Response.StatusCode = StatusCodes.Status404NotFound;
    }
}
