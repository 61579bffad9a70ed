using Xinyong.Storage.Evaluation;

namespace Xinyong.Web.Features.Evaluation;

/// <summary>The subject's own grade with its explanation, on <c>/self</c> (Art. 47): each indicator, its points, rule and records.</summary>
public sealed class SubjectGradeViewComponent(GradeStore grades) : ViewComponent
{
    /// <summary>Grades the subject now and renders the explanation.</summary>
    public IViewComponentResult Invoke(long subjectId) => View("/Pages/Evaluation/_SubjectGrade.cshtml", grades.Grade(subjectId));
}
