namespace Xinyong.Subjects;

/// <summary>What people read when a subject's code or its self-query password (Art. 24) is refused.</summary>
public static class SubjectTexts
{
    /// <summary>The least length of a subject's self-query password.</summary>
    public const int PasswordMinLength = 8;

    /// <summary>A password shorter than <see cref="PasswordMinLength"/>.</summary>
    public const string PasswordTooShort = "密码至少8位";

    /// <summary>A typed code that is neither a unified social credit code nor a resident identity number.</summary>
    public const string NotACode = "不是有效的统一社会信用代码或公民身份号码";
}

/// <summary>The rule of a subject's self-query password (Art. 24).</summary>
public static class SubjectPasswords
{
    /// <summary>Refuses a password shorter than <see cref="SubjectTexts.PasswordMinLength"/>.</summary>
    /// <exception cref="ArgumentException">The password is too short (<see cref="SubjectTexts.PasswordTooShort"/>).</exception>
    public static void Require(string password)
    {
        if (password.Length < SubjectTexts.PasswordMinLength) throw new ArgumentException(SubjectTexts.PasswordTooShort);
    }
}
