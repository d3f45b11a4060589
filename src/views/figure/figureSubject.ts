import { createContext } from 'react';

/** What every figure's title and file name say it shows: the model and the image (set once, by the app). */
export interface FigureSubject {
  model: string;
  image: string;
}

export const FigureSubjectContext = createContext<FigureSubject>({ model: '', image: '' });
