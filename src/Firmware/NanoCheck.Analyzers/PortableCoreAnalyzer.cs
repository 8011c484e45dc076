// Reports, as errors, the language features the nanoFramework 1.x runtime cannot run although they
// compile against its mscorlib: generic declarations, async, tuples, records, dynamic, rank > 1 arrays,
// plus STYLE.md's "no #if in Core", and `new string[n]` outside StringArrays (nanoCLR's new string arrays do
// not hold null references: see Core/Text/StringArrays.cs).
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Gateway.NanoCheck.Analyzers;

[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class PortableCoreAnalyzer : DiagnosticAnalyzer
{
    private const string Category = "Portability";

    public static readonly DiagnosticDescriptor GenericDeclaration = Rule("GW0001", "generic {0} '{1}': nanoFramework 1.x has no generics; use arrays and small classes");
    public static readonly DiagnosticDescriptor Async = Rule("GW0002", "async/await: nanoFramework has no Task; poll in the gateway loop");
    public static readonly DiagnosticDescriptor Tuple = Rule("GW0003", "tuple: nanoFramework has no ValueTuple; use out parameters or a small class");
    public static readonly DiagnosticDescriptor Record = Rule("GW0004", "record '{0}': nanoFramework has no records; write a sealed class");
    public static readonly DiagnosticDescriptor Dynamic = Rule("GW0005", "dynamic: not available on nanoFramework");
    public static readonly DiagnosticDescriptor MultiDimensional = Rule("GW0006", "multi-dimensional array: not available on nanoFramework; use a flat array with a stride");
    public static readonly DiagnosticDescriptor ConditionalCompilation = Rule("GW0007", "#if in Core: the core is one source for every runtime (STYLE.md 1); move the difference behind a Hardware interface");

    public static readonly DiagnosticDescriptor UnfilledStringArray = Rule("GW0008", "{0}: on nanoFramework a string array element that was never stored is not a null reference (comparing it reads address 0); use StringArrays.New, which stores null in each");

    /// <summary>The one type allowed to create a string array without an initializer.</summary>
    public const string StringArraysType = "Gateway.Core.Text.StringArrays";

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        GenericDeclaration, Async, Tuple, Record, Dynamic, MultiDimensional, ConditionalCompilation, UnfilledStringArray);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterSyntaxNodeAction(OnTypeParameters, SyntaxKind.TypeParameterList);
        context.RegisterSyntaxNodeAction(c => Report(c, Async), SyntaxKind.AwaitExpression);
        context.RegisterSyntaxNodeAction(OnModifiers, SyntaxKind.MethodDeclaration, SyntaxKind.LocalFunctionStatement,
            SyntaxKind.ParenthesizedLambdaExpression, SyntaxKind.SimpleLambdaExpression, SyntaxKind.AnonymousMethodExpression);
        context.RegisterSyntaxNodeAction(c => Report(c, Tuple), SyntaxKind.TupleType, SyntaxKind.TupleExpression);
        context.RegisterSyntaxNodeAction(OnRecord, SyntaxKind.RecordDeclaration, SyntaxKind.RecordStructDeclaration);
        context.RegisterSyntaxNodeAction(OnIdentifier, SyntaxKind.IdentifierName);
        context.RegisterSyntaxNodeAction(OnArrayRank, SyntaxKind.ArrayRankSpecifier);
        context.RegisterSyntaxTreeAction(OnTree);
        context.RegisterOperationAction(OnArrayCreation, OperationKind.ArrayCreation);
        context.RegisterOperationAction(OnArrayClear, OperationKind.Invocation);
    }

    private static DiagnosticDescriptor Rule(string id, string message) =>
        new(id, "Not portable to nanoFramework", message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    private static void Report(SyntaxNodeAnalysisContext c, DiagnosticDescriptor rule, params object[] args) =>
        c.ReportDiagnostic(Diagnostic.Create(rule, c.Node.GetLocation(), args));

    private static void OnTypeParameters(SyntaxNodeAnalysisContext c)
    {
        var owner = c.Node.Parent;
        string kind = owner switch
        {
            MethodDeclarationSyntax => "method",
            LocalFunctionStatementSyntax => "local function",
            DelegateDeclarationSyntax => "delegate",
            _ => "type",
        };
        string name = owner switch
        {
            BaseTypeDeclarationSyntax t => t.Identifier.Text,
            MethodDeclarationSyntax m => m.Identifier.Text,
            LocalFunctionStatementSyntax f => f.Identifier.Text,
            DelegateDeclarationSyntax d => d.Identifier.Text,
            _ => "?",
        };
        Report(c, GenericDeclaration, kind, name);
    }

    private static void OnModifiers(SyntaxNodeAnalysisContext c)
    {
        SyntaxTokenList modifiers = c.Node switch
        {
            MethodDeclarationSyntax m => m.Modifiers,
            LocalFunctionStatementSyntax f => f.Modifiers,
            AnonymousFunctionExpressionSyntax a => a.Modifiers,
            _ => default,
        };
        foreach (var token in modifiers)
        {
            if (token.IsKind(SyntaxKind.AsyncKeyword)) c.ReportDiagnostic(Diagnostic.Create(Async, token.GetLocation()));
        }
    }

    private static void OnRecord(SyntaxNodeAnalysisContext c) =>
        Report(c, Record, ((RecordDeclarationSyntax)c.Node).Identifier.Text);

    private static void OnIdentifier(SyntaxNodeAnalysisContext c)
    {
        var id = (IdentifierNameSyntax)c.Node;
        if (id.IsVar || id.Identifier.Text != "dynamic") return;
        if (c.SemanticModel.GetTypeInfo(id, c.CancellationToken).Type?.TypeKind == TypeKind.Dynamic) Report(c, Dynamic);
    }

    private static void OnArrayRank(SyntaxNodeAnalysisContext c)
    {
        if (((ArrayRankSpecifierSyntax)c.Node).Rank > 1) Report(c, MultiDimensional);
    }

    // Every way a string array slot ends up never stored: `new string[n]` (also `string?`); an initializer
    // element that is null (the compiler emits no store for it: `{ null, "a" }`); Array.Clear over one.
    // An initializer of non-null elements stores each, which makes them real references.
    private static void OnArrayCreation(OperationAnalysisContext c)
    {
        var creation = (IArrayCreationOperation)c.Operation;
        if (creation.Type is not IArrayTypeSymbol { ElementType.SpecialType: SpecialType.System_String } || IsStringArrays(c.ContainingSymbol)) return;
        if (creation.Initializer == null)
        {
            c.ReportDiagnostic(Diagnostic.Create(UnfilledStringArray, creation.Syntax.GetLocation(), "new string[...] without an initializer"));
            return;
        }
        foreach (var element in creation.Initializer.ElementValues)
        {
            if (element.ConstantValue is { HasValue: true, Value: null })
                c.ReportDiagnostic(Diagnostic.Create(UnfilledStringArray, element.Syntax.GetLocation(), "null in a string array initializer (no store is emitted for it)"));
        }
    }

    private static void OnArrayClear(OperationAnalysisContext c)
    {
        var call = (IInvocationOperation)c.Operation;
        if (call.TargetMethod.Name != "Clear" || call.TargetMethod.ContainingType?.SpecialType != SpecialType.System_Array || call.Arguments.Length == 0) return;
        var array = call.Arguments[0].Value;
        if (array is IConversionOperation conversion) array = conversion.Operand;
        if (array.Type is IArrayTypeSymbol { ElementType.SpecialType: SpecialType.System_String } && !IsStringArrays(c.ContainingSymbol))
            c.ReportDiagnostic(Diagnostic.Create(UnfilledStringArray, call.Syntax.GetLocation(), "Array.Clear of a string array"));
    }

    private static bool IsStringArrays(ISymbol? symbol)
    {
        for (var type = symbol as INamedTypeSymbol ?? symbol?.ContainingType; type != null; type = type.ContainingType)
            if (type.ToDisplayString() == StringArraysType) return true;
        return false;
    }

    private static void OnTree(SyntaxTreeAnalysisContext c)
    {
        foreach (var directive in c.Tree.GetRoot(c.CancellationToken).DescendantTrivia())
        {
            if (directive.IsKind(SyntaxKind.IfDirectiveTrivia))
                c.ReportDiagnostic(Diagnostic.Create(ConditionalCompilation, directive.GetLocation()));
        }
    }
}
