import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './fleet.css';
import { FleetApp } from './FleetApp';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <FleetApp />
  </StrictMode>,
);
