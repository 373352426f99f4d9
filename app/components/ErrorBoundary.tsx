// Keeps a crash in one panel from blanking the page: the panel shows what broke and can retry.
import { Component, type ErrorInfo, type ReactNode } from 'react';

interface Props {
  /** What the panel is called, for the message ("canvas", "terminal"). */
  name: string;
  children: ReactNode;
}

interface State {
  error: Error | null;
}

/** React error boundary for one panel. */
export class ErrorBoundary extends Component<Props, State> {
  state: State = { error: null };

  static getDerivedStateFromError(error: unknown): State {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error(`[kubeplay] the ${this.props.name} crashed`, error, info.componentStack);
  }

  render(): ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <div className="panel-crash" role="alert" data-testid={`crash-${this.props.name}`}>
        <div className="panel-crash__title">The {this.props.name} crashed</div>
        <pre className="panel-crash__message">{error.message}</pre>
        <button type="button" className="btn" onClick={() => this.setState({ error: null })}>
          Try again
        </button>
      </div>
    );
  }
}
