using Xinyong.Storage.Evaluation;

namespace Xinyong.Web.Pages.Evaluation;

/// <summary>The published evaluation models (Art. 7 (2), 47): public, every version with its full text.</summary>
[AccessRule(AccessRules.Public)]
public sealed class ModelModel(EvaluationModelSet models) : PageModel
{
    /// <summary>The models.</summary>
    public EvaluationModelSet Models => models;

    public void OnGet() { }

    /// <summary>A version's full text, the data file as published (a download: its keys and comments are not Chinese).</summary>
    public Microsoft.AspNetCore.Mvc.IActionResult OnGetFile(string? version) =>
        models.All.FirstOrDefault(m => m.Version == version) is { } m
            ? File(System.Text.Encoding.UTF8.GetBytes(m.Text), "text/yaml; charset=utf-8", $"evaluation-model-{m.Version}.yaml")
            : NotFound();
}
