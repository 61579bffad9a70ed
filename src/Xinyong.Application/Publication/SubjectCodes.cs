using Xinyong.Storage.Subjects;

namespace Xinyong.Application.Publication;

/// <summary>
/// A subject looked up by what a person typed (a USCC, a resident identity number, a subject reference), refusing text
/// that is none of these with a <see cref="Refusal"/> (Invalid, <c>subject.invalid-code</c>) in Chinese: the boundary where
/// the store's <see cref="FormatException"/> becomes the platform's one refusal.
/// </summary>
public static class SubjectCodes
{
    /// <summary>The subject with the code, or null when there is none; refuses a code that is not valid.</summary>
    public static SubjectRow? FindByCode(this SubjectStore subjects, string code)
    {
        try { return subjects.Find(code); }
        catch (FormatException ex) { throw Refusal.Invalid("subject.invalid-code", $"“{code}”：{ChineseOf(ex.Message)}"); }
    }

    /// <summary>The subject with the code; refuses a code that is not valid or names no subject (NotFound, <c>subject.not-found</c>).</summary>
    public static SubjectRow GetByCode(this SubjectStore subjects, string code) =>
        subjects.FindByCode(code) ?? throw Refusal.NotFound("subject.not-found", $"平台没有代码为“{code}”的信用主体");

    /// <summary>The Chinese half of a message written "中文 / English" (identifier texts of older releases); the whole text otherwise.</summary>
    public static string ChineseOf(string message) => message.Split(" / ")[0];
}
