namespace MovieGen.Jobs.PocketBase;

/// <summary>One page of a records list. <see cref="TotalItems"/> is -1 when the total was skipped.</summary>
public sealed record RecordPage<T>(int Page, int PerPage, int TotalItems, int TotalPages, IReadOnlyList<T> Items);

/// <summary>A list query: filter (build it with <see cref="PbFilter"/>), sort (<c>"-created,id"</c>), page.</summary>
public sealed record ListQuery(string? Filter = null, string? Sort = null, int Page = 1, int PerPage = 100, bool SkipTotal = true);
