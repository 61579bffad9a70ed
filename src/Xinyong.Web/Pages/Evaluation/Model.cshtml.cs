using Xinyong.Web.Api;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Xinyong.Storage.Evaluation;

namespace Xinyong.Web.Pages.Evaluation;

/// <summary>The published evaluation models (Art. 7 (2), 47): public, every version with its full text.</summary>
[AccessRule(AccessRules.Public)]
public sealed class ModelModel(EvaluationModelSet models) : PageModel
{
    /// <summary>The models.</summary>
    public EvaluationModelSet Models => models;

    public void OnGet() { }
}
