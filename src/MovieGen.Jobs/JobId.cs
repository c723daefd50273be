namespace MovieGen.Jobs;

/// <summary>PocketBase record ids: 15 characters of [a-z0-9]. The id is the capability to view a
/// job, so anything else is refused before it reaches PocketBase.</summary>
public static class JobId
{
    public static bool IsValid(string? id) =>
        id is { Length: 15 } && id.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9'));
}
