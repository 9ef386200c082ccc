namespace ClaimDesk.Web.Infrastructure;

/// <summary>
/// A configuration or environment problem that stops ClaimDesk from starting. Its message is one line that names
/// the setting to fix; Program prints it instead of a stack trace and exits with code 2.
/// </summary>
public sealed class StartupException : Exception
{
    public StartupException(string message) : base(message)
    {
    }

    public StartupException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public StartupException()
    {
    }
}
