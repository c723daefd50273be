namespace MovieGen.Cli;

/// <summary>Process exit codes of <c>moviegen</c>.</summary>
public static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>The pipeline (or a validation) failed; the message says why.</summary>
    public const int Failed = 1;

    /// <summary>Bad arguments, a missing input file or an invalid setting.</summary>
    public const int Usage = 2;

    /// <summary>Stopped by Ctrl-C / SIGTERM (128 + SIGINT, as shells report it).</summary>
    public const int Cancelled = 130;
}
