using FluentValidation;

namespace Diplotrack.Features.Documents;

internal static class MetadataRules
{
    public const string KindPattern = "^[a-z0-9]+(-[a-z0-9]+)*$";
    public const string LanguagePattern = "^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$";

    /// <summary>
    /// A date is the calendar day where the event happened. The last place on Earth to reach a day is UTC+14,
    /// so "not in the future" means not after today there; a Beijing press conference is never refused at 01:00.
    /// </summary>
    public static bool NotInFuture(DateOnly? date, TimeProvider clock) =>
        date is null || date.Value <= DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime.AddHours(14));

    public static void Apply<T>(AbstractValidator<T> v, TimeProvider clock, bool required) where T : IDocumentMetadata
    {
        if (required)
        {
            v.RuleFor(x => x.Title).NotEmpty().WithMessage("Enter a title.");
            v.RuleFor(x => x.Date).NotNull().WithMessage("Enter the date of the event.");
            v.RuleFor(x => x.Kind).NotEmpty().WithMessage("Enter the kind, e.g. npc-press-conference.");
            v.RuleFor(x => x.Language).NotEmpty().WithMessage("Enter the language, e.g. zh.");
            v.RuleFor(x => x.Source).NotEmpty().WithMessage("Enter the source (URL or file name).");
        }
        v.RuleFor(x => x.Title).MaximumLength(500);
        v.RuleFor(x => x.Date).Must(d => NotInFuture(d, clock)).WithMessage("The date cannot be in the future.")
            .Must(d => d is null || d.Value.Year >= 1949).WithMessage("The date must be 1949 or later.");
        v.RuleFor(x => x.Kind).MaximumLength(64)
            .Matches(KindPattern).When(x => !string.IsNullOrEmpty(x.Kind))
            .WithMessage("Use lower-case words joined by hyphens, e.g. npc-press-conference.");
        v.RuleFor(x => x.Place).MaximumLength(200);
        v.RuleFor(x => x.Occasion).MaximumLength(500);
        v.RuleFor(x => x.Language).MaximumLength(16)
            .Matches(LanguagePattern).When(x => !string.IsNullOrEmpty(x.Language))
            .WithMessage("Use a language tag such as zh or en.");
        v.RuleFor(x => x.Source).MaximumLength(2000);
    }
}

public sealed class CreateDocumentValidator : AbstractValidator<CreateDocumentRequest>
{
    /// <summary>Same bound as the transcript reader's default.</summary>
    public const int MaxBytes = 5 * 1024 * 1024;

    public CreateDocumentValidator(TimeProvider clock, Coding.Corrections.ReferenceIds ids)
    {
        RuleFor(x => x.Government).MustAsync(ids.IsActorAsync).When(x => !string.IsNullOrEmpty(x.Government))
            .WithMessage("Unknown actor '{PropertyValue}': use an actor id such as CN.");
        RuleFor(x => x.Text).NotEmpty().When(x => string.IsNullOrEmpty(x.ContentBase64))
            .WithMessage("Paste the transcript text or upload a file.");
        RuleFor(x => x.Text).Must(t => t is null || System.Text.Encoding.UTF8.GetByteCount(t) <= MaxBytes)
            .WithMessage($"The text is larger than {MaxBytes / 1024 / 1024} MB.");
        RuleFor(x => x.ContentBase64).Must(BeSmallBase64).When(x => !string.IsNullOrEmpty(x.ContentBase64))
            .WithMessage($"The file must be valid base64 of at most {MaxBytes / 1024 / 1024} MB.");
        RuleFor(x => x.FileName).MaximumLength(255);
        MetadataRules.Apply(this, clock, required: false);
    }

    private static bool BeSmallBase64(string? value)
    {
        if (value is null || value.Length > (MaxBytes / 3 + 1) * 4) return false;
        var buffer = new byte[value.Length];
        return Convert.TryFromBase64String(value, buffer, out _);
    }
}

public sealed class UpdateDocumentValidator : AbstractValidator<UpdateDocumentRequest>
{
    public UpdateDocumentValidator(TimeProvider clock)
    {
        MetadataRules.Apply(this, clock, required: true);
        RuleFor(x => x.Version).NotEqual(0u).WithMessage("Send the version you read (optimistic concurrency).");
    }
}

public sealed class DeleteDocumentValidator : AbstractValidator<DeleteDocumentRequest>
{
    public DeleteDocumentValidator()
    {
        RuleFor(x => x.Reason).NotEmpty().WithMessage("Give the reason for deleting.").MaximumLength(2000);
        RuleFor(x => x.Version).NotEqual(0u).WithMessage("Send the version you read (optimistic concurrency).");
    }
}

public sealed class DocumentFilterValidator : AbstractValidator<DocumentFilter>
{
    public DocumentFilterValidator()
    {
        RuleFor(x => x.Page).GreaterThanOrEqualTo(1);
        RuleFor(x => x.PageSize).InclusiveBetween(1, DocumentFilter.MaxPageSize);
        RuleFor(x => x.To).GreaterThanOrEqualTo(x => x.From).When(x => x.From is not null && x.To is not null)
            .WithMessage("The end date is before the start date.");
        RuleFor(x => x.Q).MaximumLength(200);
        RuleFor(x => x.Speaker).MaximumLength(200);
        RuleFor(x => x.Kind).MaximumLength(64);
        RuleFor(x => x.Actor).MaximumLength(32);
        RuleFor(x => x.Theme).MaximumLength(32);
    }
}
