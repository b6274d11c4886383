// Renderer entry: mounts the workbench.
import { mount } from 'svelte';
import App from './components/App.svelte';
import './app.css';

const target = document.getElementById('app');
if (!target) throw new Error('Glossator: #app element missing from index.html');
mount(App, { target });
