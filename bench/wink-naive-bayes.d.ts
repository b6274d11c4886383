// Typings for the part of wink-naive-bayes-text-classifier the suggestion eval compares against (the package ships none).
declare module 'wink-naive-bayes-text-classifier' {
  interface NaiveBayesTextClassifier {
    definePrepTasks(tasks: ((input: unknown) => unknown)[]): number;
    defineConfig(cfg: { considerOnlyPresence?: boolean; smoothingFactor?: number }): boolean;
    learn(input: string | readonly string[], label: string): boolean;
    consolidate(): boolean;
    computeOdds(input: string | readonly string[]): [string, number][];
    predict(input: string | readonly string[]): string;
  }
  export default function NaiveBayes(): NaiveBayesTextClassifier;
}
