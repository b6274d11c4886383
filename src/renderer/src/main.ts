// Renderer entry: mounts the workbench.
import { mount } from 'svelte';
import App from './components/App.svelte';
import { api } from './lib/api';
import './app.css';

const target = document.getElementById('app');
if (!target) throw new Error('Glossator: #app element missing from index.html');
// The one place that reaches for the bridge: everything below receives the client it was given.
mount(App, { target, props: { client: api() } });
