using Diplotrack.Data;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace Diplotrack.Features.Coding.Corrections;

public sealed class CorrectCodingValidator : AbstractValidator<CorrectCodingRequest>
{
    public const int MaxTargets = 10;
    public const int MaxEvidence = 20;

    public CorrectCodingValidator(ReferenceIds ids, DiplotrackDbContext db)
    {
        RuleFor(x => x.StatementId).GreaterThan(0);
        RuleFor(x => x.Themes).Must(t => t.Count is >= 1 and <= 3).WithMessage("Choose 1 to 3 themes.")
            .Must(t => t.Distinct(StringComparer.Ordinal).Count() == t.Count).WithMessage("A theme is listed twice.");
        RuleForEach(x => x.Themes).MustAsync(ids.IsThemeAsync).WithMessage("Unknown theme '{PropertyValue}'.");
        RuleFor(x => x.Targets).Must(t => t.Count <= MaxTargets).WithMessage($"At most {MaxTargets} targets.")
            .Must(t => t.Select(x => x.ActorId).Distinct(StringComparer.Ordinal).Count() == t.Count)
            .WithMessage("An actor is listed twice: give each target once.");
        RuleForEach(x => x.Targets).SetValidator(new TargetInputValidator(ids));
        RuleFor(x => x.Reason).NotEmpty().WithMessage("Say why you are changing the coding.").MaximumLength(2000);
        RuleFor(x => x.Version).NotNull().When(x => x.CodingId is not null)
            .WithMessage("Send the version of the coding you read (optimistic concurrency).");
        // Spans are absolute offsets into the document's normalised text: they must fall inside this statement.
        RuleFor(x => x).CustomAsync(async (request, context, ct) =>
        {
            if (request.Targets.All(t => t.Evidence.Count == 0)) return;
            var statement = await db.Statements.AsNoTracking().Where(s => s.Id == request.StatementId)
                .Select(s => new { s.SpanStart, s.SpanEnd }).SingleOrDefaultAsync(ct);
            if (statement is null) return; // the command answers 404
            for (var i = 0; i < request.Targets.Count; i++)
                for (var j = 0; j < request.Targets[i].Evidence.Count; j++)
                {
                    var e = request.Targets[i].Evidence[j];
                    if (e.Start < statement.SpanStart || e.End > statement.SpanEnd)
                        context.AddFailure($"Targets[{i}].Evidence[{j}]",
                            $"The span [{e.Start}, {e.End}) is outside the statement [{statement.SpanStart}, {statement.SpanEnd}).");
                }
        });
    }
}

public sealed class TargetInputValidator : AbstractValidator<TargetInput>
{
    public TargetInputValidator(ReferenceIds ids)
    {
        RuleFor(x => x.ActorId).NotEmpty().WithMessage("Choose an actor.")
            .MustAsync(ids.IsActorAsync).When(x => !string.IsNullOrEmpty(x.ActorId)).WithMessage("Unknown actor '{PropertyValue}'.");
        RuleFor(x => x.Stance).InclusiveBetween(-2, 2).WithMessage("Stance must be between −2 and +2.");
        RuleFor(x => x.Source).Must(s => s is null or "explicit" or "contextual").WithMessage("Source is explicit or contextual.");
        RuleFor(x => x.Phrase).MaximumLength(200);
        RuleFor(x => x.Evidence).Must(e => e.Count <= CorrectCodingValidator.MaxEvidence)
            .WithMessage($"At most {CorrectCodingValidator.MaxEvidence} evidence spans.");
        RuleForEach(x => x.Evidence).ChildRules(e =>
        {
            e.RuleFor(x => x.End).GreaterThan(x => x.Start).WithMessage("A span must end after it starts.");
            e.RuleFor(x => x.Start).GreaterThanOrEqualTo(0);
            e.RuleFor(x => x.Role).Must(r => r is null or "actor" or "cue").WithMessage("Role is actor or cue.");
        });
    }
}
