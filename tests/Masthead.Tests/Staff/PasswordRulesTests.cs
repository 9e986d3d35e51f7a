using Masthead.Staff;

namespace Masthead.Tests.Staff;

public sealed class PasswordRulesTests
{
    [Theory]
    [InlineData("short", "at least")]
    [InlineData("aaaaaaaaaa", "different characters")]
    [InlineData("ababababab", "different characters")]
    [InlineData("1234567890", "run")]
    [InlineData("qwertyuiop", "run")]
    [InlineData("password12", "common")]
    [InlineData("Password123!", "common")]
    [InlineData("p@ssw0rd2024", "common")]
    [InlineData("iloveyou!!", "common")]
    [InlineData("ada.lovelace@example.org", "your name")]
    [InlineData("lovelace1815", "your name")]
    [InlineData("thedailygazette", "your name")]
    public void Weak_and_context_derived_passwords_are_refused_with_the_reason(string password, string reason)
    {
        var problem = PasswordRules.Problem(password, "Ada Lovelace", "ada.lovelace@example.org", "The Daily Gazette");
        Assert.NotNull(problem);
        Assert.Contains(reason, problem);
    }

    [Theory]
    [InlineData("correct horse battery")]
    [InlineData("tram-Ledger-41-quince")]
    [InlineData("my editor's 3rd desk")]
    public void Good_passwords_pass(string password) =>
        Assert.Null(PasswordRules.Problem(password, "Ada Lovelace", "ada.lovelace@example.org", "The Daily Gazette"));
}
