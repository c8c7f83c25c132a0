using Diplotrack.Data;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace Diplotrack.Features.Coding.Codebooks;

/// <summary>
/// Every codebook edit names the version it was made on (<see cref="BaseVersion"/>: a stale edit is refused, as
/// <c>xmin</c> does for rows) and says why (<see cref="Description"/> becomes the new version's description).
/// </summary>
public interface ICodebookEdit
{
    int? BaseVersion { get; }
    string? Description { get; }
}

/// <summary>Adds an actor, or edits one (by id): its kind, names and full list of aliases.</summary>
public sealed record SaveActorRequest(string? Id, string? Kind, string? NameEn, string? NameZh, List<string>? Aliases, int? BaseVersion, string? Description) : ICodebookEdit;

public sealed record AddThemeCueRequest(string? Theme, string? Cue, double? Weight, int? BaseVersion, string? Description) : ICodebookEdit;

public sealed record RemoveThemeCueRequest(string? Theme, string? Cue, int? BaseVersion, string? Description) : ICodebookEdit;

public sealed record AddStanceCueRequest(string? Cue, int? Weight, string? Kind, int? BaseVersion, string? Description) : ICodebookEdit;

public sealed record RemoveStanceCueRequest(string? Cue, int? BaseVersion, string? Description) : ICodebookEdit;

internal static class CodebookRules
{
    public const int MaxTerm = 50;
    public static readonly string[] ActorKinds = ["country", "organisation", "region", "territory", "unnamed"];
    public static readonly string[] StanceCueKinds = ["praise", "positive", "critical", "hostile"];

    public static void Edit<T>(this AbstractValidator<T> v) where T : ICodebookEdit
    {
        v.RuleFor(x => x.BaseVersion).NotNull().WithMessage("Say which codebook version you edited (baseVersion).");
        v.RuleFor(x => x.Description).NotEmpty().WithMessage("Describe the change: it becomes the new version's description.")
            .MaximumLength(500);
    }

    public static IRuleBuilderOptions<T, string?> Term<T>(this IRuleBuilder<T, string?> rule, string what) => rule
        .NotEmpty().WithMessage($"Enter the {what}.")
        .MaximumLength(MaxTerm)
        .Must(t => t is null || t.Trim() == t && !t.Any(char.IsControl)).WithMessage($"The {what} must not start or end with spaces or contain control characters.");
}

public sealed class SaveActorRequestValidator : AbstractValidator<SaveActorRequest>
{
    public SaveActorRequestValidator()
    {
        this.Edit();
        RuleFor(x => x.Id).NotEmpty().WithMessage("Enter the actor id.")
            .Matches("^[A-Z][A-Z0-9_-]{1,31}$").WithMessage("An actor id is 2–32 capital letters, digits, '-' or '_' (e.g. US, EU, ASEAN).");
        RuleFor(x => x.Kind).NotEmpty().Must(k => k is null || CodebookRules.ActorKinds.Contains(k))
            .WithMessage($"The kind is one of: {string.Join(", ", CodebookRules.ActorKinds)}.");
        RuleFor(x => x.NameEn).NotEmpty().WithMessage("Enter the English name.").MaximumLength(200);
        RuleFor(x => x.NameZh).NotEmpty().WithMessage("Enter the Chinese name.").MaximumLength(200);
        RuleFor(x => x.Aliases).Must(a => a is null || a.Count <= 200).WithMessage("At most 200 aliases per actor.");
        RuleForEach(x => x.Aliases).Term("alias");
    }
}

public sealed class AddThemeCueRequestValidator : AbstractValidator<AddThemeCueRequest>
{
    public AddThemeCueRequestValidator(DiplotrackDbContext db)
    {
        this.Edit();
        RuleFor(x => x.Theme).NotEmpty().WithMessage("Choose a theme.")
            .MustAsync(async (id, ct) => await db.Themes.AnyAsync(t => t.Id == id, ct)).WithMessage("There is no theme '{PropertyValue}'.");
        RuleFor(x => x.Cue).Term("cue");
        // Codebook §3: a cue adds its weight to its theme's score; the seed uses 1 (weak) and 2 (strong).
        RuleFor(x => x.Weight).NotNull().WithMessage("Enter a weight.")
            .InclusiveBetween(0.1, 5).WithMessage("A theme cue's weight is between 0.1 and 5.");
    }
}

public sealed class RemoveThemeCueRequestValidator : AbstractValidator<RemoveThemeCueRequest>
{
    public RemoveThemeCueRequestValidator()
    {
        this.Edit();
        RuleFor(x => x.Theme).NotEmpty().WithMessage("Choose a theme.");
        RuleFor(x => x.Cue).NotEmpty().WithMessage("Enter the cue.");
    }
}

public sealed class AddStanceCueRequestValidator : AbstractValidator<AddStanceCueRequest>
{
    public AddStanceCueRequestValidator()
    {
        this.Edit();
        RuleFor(x => x.Cue).Term("cue");
        RuleFor(x => x.Weight).NotNull().WithMessage("Enter a weight.")
            .InclusiveBetween(-2, 2).WithMessage("A stance cue's weight is between −2 and 2 (codebook §4).")
            .NotEqual(0).WithMessage("A stance cue of weight 0 says nothing: use −2, −1, 1 or 2.");
        RuleFor(x => x.Kind).NotEmpty().Must(k => k is null || CodebookRules.StanceCueKinds.Contains(k))
            .WithMessage($"The kind is one of: {string.Join(", ", CodebookRules.StanceCueKinds)}.");
    }
}

public sealed class RemoveStanceCueRequestValidator : AbstractValidator<RemoveStanceCueRequest>
{
    public RemoveStanceCueRequestValidator()
    {
        this.Edit();
        RuleFor(x => x.Cue).NotEmpty().WithMessage("Enter the cue.");
    }
}
