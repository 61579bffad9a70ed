using Xinyong.Inspections;

namespace Xinyong.Web.Pages.Inspections;

/// <summary>Verifies a published draw uploaded or pasted by anyone (public; the same check as <c>xinyong draw verify</c>).</summary>
[AccessRule(AccessRules.Public)]
[BodyLimit(BodySize.Upload)]
public sealed class VerifyModel : PageModel
{
    /// <summary>The pasted text.</summary>
    public string? Text { get; private set; }

    /// <summary>The verification.</summary>
    public DrawVerification? Result { get; private set; }

    /// <summary>The plan verified.</summary>
    public string? Plan { get; private set; }

    /// <summary>Why the file could not be read.</summary>
    public string? Error { get; private set; }

    public void OnGet() { }

    public async Task OnPostAsync(IFormFile? file, string? text)
    {
        if (file is { Length: > 0 })
        {
            if (file.Length > 64L << 20) { Error = "文件超过64MB"; return; }
            using var r = new StreamReader(file.OpenReadStream());
            text = await r.ReadToEndAsync();
        }
        Text = file is null ? text : null;
        if (string.IsNullOrWhiteSpace(text)) { Error = "请上传或粘贴公示文件"; return; }
        try
        {
            var (d, verification) = HttpContext.RequestServices.GetRequiredService<InspectionDesk>().Verify(text);
            Plan = d.Plan.Code;
            Result = verification;
        }
        catch (Refusal ex) { Error = ex.Message; }
    }
}
